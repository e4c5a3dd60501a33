using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweep.Training.Kernels;

/// <summary>
/// The elementwise kernels that TensorPrimitives has no single call for. Each walks the widest vector the hardware
/// accelerates (512, then 256, then 128 bits) and finishes the tail with scalars.
/// </summary>
public static class Elementwise
{
    /// <summary><c>dz[i] = z[i] &gt; 0 ? da[i] : 0</c> (the ReLU derivative times da; NaN in z gives 0). da and dz may alias.</summary>
    public static void MaskWherePositive(ReadOnlySpan<double> z, ReadOnlySpan<double> da, Span<double> dz)
    {
        int length = z.Length;
        if (da.Length < length || dz.Length < length)
        {
            throw new ArgumentException("spans are shorter than z");
        }

        ref double zRef = ref MemoryMarshal.GetReference(z);
        ref double daRef = ref MemoryMarshal.GetReference(da);
        ref double dzRef = ref MemoryMarshal.GetReference(dz);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var positive = Vector512.GreaterThan(Vector512.LoadUnsafe(ref zRef, (nuint)i), Vector512<double>.Zero);
                Vector512.BitwiseAnd(positive, Vector512.LoadUnsafe(ref daRef, (nuint)i)).StoreUnsafe(ref dzRef, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var positive = Vector256.GreaterThan(Vector256.LoadUnsafe(ref zRef, (nuint)i), Vector256<double>.Zero);
                Vector256.BitwiseAnd(positive, Vector256.LoadUnsafe(ref daRef, (nuint)i)).StoreUnsafe(ref dzRef, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var positive = Vector128.GreaterThan(Vector128.LoadUnsafe(ref zRef, (nuint)i), Vector128<double>.Zero);
                Vector128.BitwiseAnd(positive, Vector128.LoadUnsafe(ref daRef, (nuint)i)).StoreUnsafe(ref dzRef, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref dzRef, i) = Unsafe.Add(ref zRef, i) > 0 ? Unsafe.Add(ref daRef, i) : 0.0;
        }
    }

    /// <summary>
    /// <c>c[r, j] = b[r]</c> for every row r of a rows x columns matrix: the bias term that the matrix product then
    /// accumulates onto.
    /// </summary>
    public static void BroadcastRows(ReadOnlySpan<double> b, Span<double> c, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            c.Slice(r * columns, columns).Fill(b[r]);
        }
    }

    /// <summary><c>b[r] = scale * sum_j c[r, j]</c>: the bias gradient, one row sum per unit.</summary>
    public static void ScaledRowSums(ReadOnlySpan<double> c, Span<double> b, int rows, int columns, double scale)
    {
        for (int r = 0; r < rows; r++)
        {
            b[r] = scale * System.Numerics.Tensors.TensorPrimitives.Sum(c.Slice(r * columns, columns));
        }
    }
}
