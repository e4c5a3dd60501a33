using System.Runtime.Intrinsics;

namespace Sweep.Training.Kernels;

/// <summary>
/// Dense row-major double-precision matrix products, the three shapes that forward and backward propagation need.
/// Every matrix is contiguous (leading dimension = column count). With <c>accumulate</c> false, C is overwritten
/// (its old contents are never read, so NaN there does not leak through); with true, the product is added to C.
/// NaN and infinity propagate as in ordinary arithmetic: a NaN anywhere in row i of op(A) or column j of op(B) makes
/// C[i, j] NaN, and the result differs from a plain triple loop only by rounding (the order of the k-sum differs,
/// and fused multiply-adds are used where the hardware has them). C must not overlap A or B. Allocates nothing
/// after the first large call on a thread; single-threaded, safe to call from many threads at once.
/// </summary>
/// <remarks>
/// Two paths. Small products (the tiny networks, where per-call overhead is the cost) run unpacked register-tiled
/// kernels straight on the caller's matrices (<see cref="GemmDirect"/>). Large ones run the cache-blocked Goto/BLIS
/// scheme: pack blocks of A and B into micro-panels, then an 8 x 24 register-tile micro-kernel
/// (<see cref="GemmPacked"/>, <see cref="GemmMicroKernel"/>). Either way the register width is chosen here, once per
/// call: Vector512 if hardware accelerated, else Vector256, else Vector128, else scalar.
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>Below this many multiply-adds (m * k * n) packing costs more than it saves.</summary>
    internal const long PackingThreshold = 64 * 1024;

    /// <summary>Reductions this short gain nothing from packing (each packed element would be used a handful of
    /// times); the unpacked kernel streams B once per four rows of C instead.</summary>
    internal const int PackingMinDepth = 8;

    /// <summary><c>C[i,j] (+)= sum_p A[i,p] * B[p,j]</c>; A is m x k, B is k x n, C is m x n.</summary>
    /// <remarks>NaN or infinity in A or B propagates to every element of C it contributes to; with
    /// <paramref name="accumulate"/> false the old C is ignored, with true a NaN in C stays NaN.</remarks>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate) =>
        Multiply(a, b, c, m, k, n, accumulate, GemmPath.Automatic);

    /// <summary><c>C[i,j] (+)= sum_p A[p,i] * B[p,j]</c>; A is stored k x m, B is k x n, C is m x n.</summary>
    /// <remarks>NaN or infinity in A or B propagates to every element of C it contributes to; with
    /// <paramref name="accumulate"/> false the old C is ignored, with true a NaN in C stays NaN.</remarks>
    public static void MultiplyTransposedA(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate) =>
        MultiplyTransposedA(a, b, c, m, k, n, accumulate, GemmPath.Automatic);

    /// <summary><c>C[i,j] (+)= sum_p A[i,p] * B[j,p]</c>; A is m x k, B is stored n x k, C is m x n.</summary>
    /// <remarks>NaN or infinity in A or B propagates to every element of C it contributes to; with
    /// <paramref name="accumulate"/> false the old C is ignored, with true a NaN in C stays NaN.</remarks>
    public static void MultiplyTransposedB(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool accumulate) =>
        MultiplyTransposedB(a, b, c, m, k, n, accumulate, GemmPath.Automatic);

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
            path = (long)o.M * o.K * o.N < PackingThreshold || o.K < PackingMinDepth ? GemmPath.Direct : GemmPath.Packed;
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
