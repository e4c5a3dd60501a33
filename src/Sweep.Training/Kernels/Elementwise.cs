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
    public static void MaskWherePositive(ReadOnlySpan<double> z, ReadOnlySpan<double> da, Span<double> dz) =>
        Apply<WherePositive>(z, da, da, dz);

    /// <summary><c>dz[i] = z[i] &gt; 0 ? da[i] * mask[i] : 0</c>: ReLU's backward pass under inverted dropout. da and dz may alias.</summary>
    public static void MaskedWherePositive(ReadOnlySpan<double> z, ReadOnlySpan<double> mask, ReadOnlySpan<double> da, Span<double> dz) =>
        Apply<WherePositiveTimesMask>(z, mask, da, dz);

    /// <summary><c>a[i] = max(z[i], 0) * mask[i]</c>: ReLU's forward pass under inverted dropout (NaN in z gives 0).</summary>
    public static void ReluTimesMask(ReadOnlySpan<double> z, ReadOnlySpan<double> mask, Span<double> a) =>
        Apply<WherePositiveTimesMask>(z, mask, z, a);

    /// <summary>
    /// <c>result[i] = z[i] &gt; 0 ? TOp(x[i], y[i]) : 0</c>, walking the widest vector the hardware accelerates (512,
    /// then 256, then 128 bits) and finishing the tail with scalars: the one place the width dispatch is written.
    /// </summary>
    private static void Apply<TOp>(ReadOnlySpan<double> z, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> result)
        where TOp : struct, IPositiveOperation
    {
        int length = z.Length;
        if (x.Length < length || y.Length < length || result.Length < length)
        {
            throw new ArgumentException("spans are shorter than z");
        }

        ref double zRef = ref MemoryMarshal.GetReference(z);
        ref double xRef = ref MemoryMarshal.GetReference(x);
        ref double yRef = ref MemoryMarshal.GetReference(y);
        ref double rRef = ref MemoryMarshal.GetReference(result);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var positive = Vector512.GreaterThan(Vector512.LoadUnsafe(ref zRef, (nuint)i), Vector512<double>.Zero);
                Vector512.BitwiseAnd(positive, TOp.Apply(Vector512.LoadUnsafe(ref xRef, (nuint)i), Vector512.LoadUnsafe(ref yRef, (nuint)i))).StoreUnsafe(ref rRef, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var positive = Vector256.GreaterThan(Vector256.LoadUnsafe(ref zRef, (nuint)i), Vector256<double>.Zero);
                Vector256.BitwiseAnd(positive, TOp.Apply(Vector256.LoadUnsafe(ref xRef, (nuint)i), Vector256.LoadUnsafe(ref yRef, (nuint)i))).StoreUnsafe(ref rRef, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= length - Vector128<double>.Count; i += Vector128<double>.Count)
            {
                var positive = Vector128.GreaterThan(Vector128.LoadUnsafe(ref zRef, (nuint)i), Vector128<double>.Zero);
                Vector128.BitwiseAnd(positive, TOp.Apply(Vector128.LoadUnsafe(ref xRef, (nuint)i), Vector128.LoadUnsafe(ref yRef, (nuint)i))).StoreUnsafe(ref rRef, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref rRef, i) = Unsafe.Add(ref zRef, i) > 0 ? TOp.Apply(Unsafe.Add(ref xRef, i), Unsafe.Add(ref yRef, i)) : 0.0;
        }
    }

    private interface IPositiveOperation
    {
        static abstract double Apply(double x, double y);

        static abstract Vector512<double> Apply(Vector512<double> x, Vector512<double> y);

        static abstract Vector256<double> Apply(Vector256<double> x, Vector256<double> y);

        static abstract Vector128<double> Apply(Vector128<double> x, Vector128<double> y);
    }

    /// <summary>Passes x through (y is x).</summary>
    private readonly struct WherePositive : IPositiveOperation
    {
        public static double Apply(double x, double y) => x;

        public static Vector512<double> Apply(Vector512<double> x, Vector512<double> y) => x;

        public static Vector256<double> Apply(Vector256<double> x, Vector256<double> y) => x;

        public static Vector128<double> Apply(Vector128<double> x, Vector128<double> y) => x;
    }

    /// <summary>x * y.</summary>
    private readonly struct WherePositiveTimesMask : IPositiveOperation
    {
        public static double Apply(double x, double y) => x * y;

        public static Vector512<double> Apply(Vector512<double> x, Vector512<double> y) => x * y;

        public static Vector256<double> Apply(Vector256<double> x, Vector256<double> y) => x * y;

        public static Vector128<double> Apply(Vector128<double> x, Vector128<double> y) => x * y;
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
