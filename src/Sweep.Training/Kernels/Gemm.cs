using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Sweep.Training.Kernels;

/// <summary>
/// Dense row-major double-precision matrix products, the three shapes that forward and backward propagation need.
/// Every matrix is contiguous (leading dimension = column count). With <c>accumulate</c> false, C is overwritten and
/// its old contents are never read (NaN there does not leak through); with true, the product is added to C.
/// NaN and infinity propagate as in ordinary arithmetic: a NaN anywhere in row i of op(A) or column j of op(B) makes
/// C[i, j] NaN, an infinity makes it infinite (or NaN against a zero or an opposite infinity), and nothing else is
/// touched. Results differ from a plain triple loop only by rounding (the k-sum runs in another order, and fused
/// multiply-adds are used where the hardware has them). C must not overlap A or B. Single-threaded and safe to call
/// from many threads at once; it allocates only when a thread's packing buffers must grow (its first large product).
/// </summary>
/// <remarks>
/// Two paths. Small products (the tiny networks, where per-call overhead is the cost, and products with only a few
/// rows) run unpacked register-tiled kernels straight on the caller's matrices (<see cref="GemmDirect"/>). Large
/// ones run the cache-blocked Goto/BLIS scheme: pack blocks of A and B into micro-panels, then an 8 x 24
/// register-tile micro-kernel (<see cref="GemmPacked"/>, <see cref="GemmMicroKernel"/>). Either way the register
/// width is chosen once per call, in <see cref="Dispatch{TPath}"/>: Vector512 if hardware accelerated, else
/// Vector256, else Vector128, else scalar.
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>
    /// Whether a product goes to the packed path; the thresholds are where the two paths cross on Zen 5 (see
    /// GemmBenchmarks). Packing costs a copy of A and B, and pays back through full 8 x 24 tiles whose operands stream
    /// from cache. The unpacked outer-product kernel (Multiply, MultiplyTransposedA) instead walks B a row per
    /// reduction step, once for every four rows of C: fine while B is small or C has a few rows (8 or fewer), slow
    /// (cache and TLB misses) once B is large. The unpacked dot-product kernel (MultiplyTransposedB) reads rows of
    /// both operands contiguously and wins while C is too narrow or short (under 24) to fill the 8 x 24 tiles.
    /// Reductions shorter than 8 never pay for packing.
    /// </summary>
    internal static bool ShouldPack(int m, int k, int n, bool dotForm)
    {
        if (k < 8)
        {
            return false;
        }

        if (dotForm)
        {
            return m >= 24 && n >= 24 && (long)m * n > 2048;
        }

        return m > 8 && (long)m * k * n > 512 * 1024;
    }

    /// <summary>
    /// <c>C[i,j] = sum_p A[i,p] * B[p,j]</c>, or <c>C[i,j] += ...</c> when <paramref name="accumulate"/>;
    /// A is m x k, B is k x n, C is m x n (the forward product Z = W * A_prev).
    /// </summary>
    /// <remarks>NaN or infinity in A or B reaches exactly the elements of C it contributes to. With
    /// <paramref name="accumulate"/> false the old C is ignored (NaN there vanishes); with true, NaN in C stays.</remarks>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate)
    {
        if (m == 1 && k * n >= ThinProductMinimum)
        {
            Validate(a, b, c, m, k, n);
            RowTimesMatrix(a[..k], b, c[..n], k, n, accumulate);
            return;
        }

        Multiply(a, b, c, m, k, n, accumulate, GemmPath.Automatic);
    }

    /// <summary>
    /// <c>C[i,j] = sum_p A[p,i] * B[p,j]</c>, or <c>C[i,j] += ...</c> when <paramref name="accumulate"/>;
    /// A is stored k x m, B is k x n, C is m x n (the backward product dA_prev = W^T * dZ).
    /// </summary>
    /// <remarks>NaN or infinity in A or B reaches exactly the elements of C it contributes to. With
    /// <paramref name="accumulate"/> false the old C is ignored (NaN there vanishes); with true, NaN in C stays.</remarks>
    public static void MultiplyTransposedA(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate)
    {
        if (k == 1 && m * n >= ThinProductMinimum)
        {
            Validate(a, b, c, m, k, n);
            for (int i = 0; i < m; i++)
            {
                RowTimesMatrix(a.Slice(i, 1), b, c.Slice(i * n, n), 1, n, accumulate);
            }

            return;
        }

        MultiplyTransposedA(a, b, c, m, k, n, accumulate, GemmPath.Automatic);
    }

    /// <summary>
    /// <c>C[i,j] = sum_p A[i,p] * B[j,p]</c>, or <c>C[i,j] += ...</c> when <paramref name="accumulate"/>;
    /// A is m x k, B is stored n x k, C is m x n (the weight gradient dW = dZ * A_prev^T).
    /// </summary>
    /// <remarks>NaN or infinity in A or B reaches exactly the elements of C it contributes to. With
    /// <paramref name="accumulate"/> false the old C is ignored (NaN there vanishes); with true, NaN in C stays.</remarks>
    public static void MultiplyTransposedB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate)
    {
        if (m == 1 && k * n >= ThinProductMinimum)
        {
            Validate(a, b, c, m, k, n);
            ReadOnlySpan<double> row = a[..k];
            for (int j = 0; j < n; j++)
            {
                double dot = TensorPrimitives.Dot(row, b.Slice(j * k, k));
                c[j] = accumulate ? c[j] + dot : dot;
            }

            return;
        }

        MultiplyTransposedB(a, b, c, m, k, n, accumulate, GemmPath.Automatic);
    }

    /// <summary>
    /// Products with a single row (or a single inner index) on a large operand, like a sigmoid output layer over
    /// 10,000 examples, are bound by memory: the register-tiled paths walk B across its rows and read it at a fraction
    /// of the bandwidth. Above this many elements of the large operand they stream it row by row instead.
    /// </summary>
    private const int ThinProductMinimum = 4096;

    /// <summary><c>c[j] (+)= sum_p a[p] * B[p,j]</c>, streaming B one row at a time while c stays in cache.</summary>
    private static void RowTimesMatrix(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int k, int n, bool accumulate)
    {
        for (int p = 0; p < k; p++)
        {
            ReadOnlySpan<double> row = b.Slice(p * n, n);
            if (p == 0 && !accumulate)
            {
                TensorPrimitives.Multiply(row, a[0], c);
            }
            else
            {
                TensorPrimitives.MultiplyAdd(row, a[p], c, c);
            }
        }
    }

    /// <summary>The public products on a chosen path and at most a chosen register width (doubles per register):
    /// tests and benchmarks exercise every combination.</summary>
    internal static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate, GemmPath path, int maxWidth = int.MaxValue)
    {
        Validate(a, b, c, m, k, n);
        fixed (double* pa = a, pb = b, pc = c)
        {
            Run(new Operands(pa, k, 1, pb, n, 1, pc, m, k, n, accumulate, dotForm: false), path, maxWidth);
        }
    }

    internal static void MultiplyTransposedA(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate, GemmPath path, int maxWidth = int.MaxValue)
    {
        Validate(a, b, c, m, k, n);
        fixed (double* pa = a, pb = b, pc = c)
        {
            Run(new Operands(pa, 1, m, pb, n, 1, pc, m, k, n, accumulate, dotForm: false), path, maxWidth);
        }
    }

    internal static void MultiplyTransposedB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate, GemmPath path, int maxWidth = int.MaxValue)
    {
        Validate(a, b, c, m, k, n);
        fixed (double* pa = a, pb = b, pc = c)
        {
            Run(new Operands(pa, k, 1, pb, 1, k, pc, m, k, n, accumulate, dotForm: true), path, maxWidth);
        }
    }

    private static void Validate(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (a.Length < (long)m * k)
        {
            throw new ArgumentException($"A holds {a.Length} values; a {m} x {k} matrix needs {(long)m * k}.", nameof(a));
        }

        if (b.Length < (long)k * n)
        {
            throw new ArgumentException($"B holds {b.Length} values; a {k} x {n} matrix needs {(long)k * n}.", nameof(b));
        }

        if (c.Length < (long)m * n)
        {
            throw new ArgumentException($"C holds {c.Length} values; a {m} x {n} matrix needs {(long)m * n}.", nameof(c));
        }

        // Blocks of C are written while A and B are still being read.
        Span<double> written = c[..(m * n)];
        if (written.Overlaps(a[..(m * k)]) || written.Overlaps(b[..(k * n)]))
        {
            throw new ArgumentException("C must not overlap A or B.", nameof(c));
        }
    }

    private static void Run(in Operands o, GemmPath path, int maxWidth)
    {
        if (o.M == 0 || o.N == 0)
        {
            return;
        }

        if (o.K == 0)
        {
            if (!o.Accumulate)
            {
                new Span<double>(o.C, o.M * o.N).Clear();
            }

            return;
        }

        if (path == GemmPath.Automatic)
        {
            path = ShouldPack(o.M, o.K, o.N, o.DotForm) ? GemmPath.Packed : GemmPath.Direct;
        }

        if (path == GemmPath.Packed)
        {
            Dispatch<PackedPath>(o, int.MaxValue, maxWidth);
        }
        else if (o.DotForm)
        {
            Dispatch<DotPath>(o, o.K, maxWidth);
        }
        else
        {
            Dispatch<OuterPath>(o, o.N, maxWidth);
        }
    }

    /// <summary>The one place that picks the register width: the widest accelerated one no longer than
    /// <paramref name="length"/> (the unpacked kernels need rows at least one register long). Tests lower
    /// <paramref name="maxWidth"/> to cover the narrower widths on wide hardware.</summary>
    private static void Dispatch<TPath>(in Operands o, int length, int maxWidth)
        where TPath : struct, IGemmPath
    {
        int limit = Math.Min(length, maxWidth);
        if (Vector512.IsHardwareAccelerated && limit >= Vector512<double>.Count)
        {
            TPath.Run<Lanes512, Vector512<double>>(o);
        }
        else if (Vector256.IsHardwareAccelerated && limit >= Vector256<double>.Count)
        {
            TPath.Run<Lanes256, Vector256<double>>(o);
        }
        else if (Vector128.IsHardwareAccelerated && limit >= Vector128<double>.Count)
        {
            TPath.Run<Lanes128, Vector128<double>>(o);
        }
        else
        {
            TPath.Run<LanesScalar, double>(o);
        }
    }

    /// <summary>A product C = op(A) * op(B) with <c>op(A)(i, p) = A[i * ARowStride + p * ADepthStride]</c> and
    /// <c>op(B)(p, j) = B[p * BDepthStride + j * BColumnStride]</c>; C is m x n row-major.</summary>
    private readonly struct Operands(
        double* a, nint aRowStride, nint aDepthStride,
        double* b, nint bDepthStride, nint bColumnStride,
        double* c, int m, int k, int n, bool accumulate, bool dotForm)
    {
        public readonly double* A = a;
        public readonly nint ARowStride = aRowStride;
        public readonly nint ADepthStride = aDepthStride;
        public readonly double* B = b;
        public readonly nint BDepthStride = bDepthStride;
        public readonly nint BColumnStride = bColumnStride;
        public readonly double* C = c;
        public readonly int M = m;
        public readonly int K = k;
        public readonly int N = n;
        public readonly bool Accumulate = accumulate;

        /// <summary>Both operands contiguous along the reduction (A * B^T): the unpacked path uses dot products.</summary>
        public readonly bool DotForm = dotForm;
    }

    private interface IGemmPath
    {
        static abstract void Run<TLanes, TVec>(in Operands o)
            where TLanes : struct, IDoubleLanes<TVec>
            where TVec : struct;
    }

    private readonly struct PackedPath : IGemmPath
    {
        public static void Run<TLanes, TVec>(in Operands o)
            where TLanes : struct, IDoubleLanes<TVec>
            where TVec : struct =>
            GemmPacked.Run<TLanes, TVec>(o.A, o.ARowStride, o.ADepthStride, o.B, o.BDepthStride, o.BColumnStride, o.C, o.M, o.K, o.N, o.Accumulate);
    }

    private readonly struct OuterPath : IGemmPath
    {
        public static void Run<TLanes, TVec>(in Operands o)
            where TLanes : struct, IDoubleLanes<TVec>
            where TVec : struct =>
            GemmDirect.Outer<TLanes, TVec>(o.A, o.ARowStride, o.ADepthStride, o.B, o.BDepthStride, o.C, o.M, o.K, o.N, o.Accumulate);
    }

    private readonly struct DotPath : IGemmPath
    {
        public static void Run<TLanes, TVec>(in Operands o)
            where TLanes : struct, IDoubleLanes<TVec>
            where TVec : struct =>
            GemmDirect.Dot<TLanes, TVec>(o.A, o.B, o.C, o.M, o.K, o.N, o.Accumulate);
    }
}

/// <summary>Which implementation a product runs on; <see cref="Automatic"/> picks by size.</summary>
internal enum GemmPath
{
    Automatic,
    Direct,
    Packed,
}
