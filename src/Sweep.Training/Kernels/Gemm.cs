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

    /// <summary>
    /// A layer's logits <c>Z = W X + b</c>, with <c>b[i]</c> added to every column of row i: W is m x k, X is k x n,
    /// Z is m x n. On the unpacked path the bias is added as each register of Z is stored, which saves a pass.
    /// </summary>
    public static void MultiplyAddBias(ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> bias, Span<double> z, int m, int k, int n) =>
        MultiplyAddBias(w, x, bias, z, m, k, n, int.MaxValue);

    /// <summary><see cref="MultiplyAddBias(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int, int, int)"/>
    /// with registers of at most <paramref name="maxWidth"/> doubles, so that tests cover every width.</summary>
    internal static void MultiplyAddBias(ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> bias, Span<double> z, int m, int k, int n, int maxWidth)
    {
        ValidateLayer(w, x, z, bias, m, k, n);
        if (!FusesLayerSteps(m, k, n, thin: m == 1 && k * n >= ThinProductMinimum))
        {
            Multiply(w, x, z, m, k, n, accumulate: false);
            AddBias(bias, z, m, n);
            return;
        }

        fixed (double* pw = w, px = x, pz = z, pb = bias)
        {
            var o = new Operands(pw, k, 1, px, n, 1, pz, m, k, n, accumulate: false, dotForm: false);
            Dispatch(new OuterPath<BiasStore>(new BiasStore(pz, pb)), o, n, maxWidth);
        }
    }

    /// <summary>
    /// A ReLU layer's forward step: <c>Z = W X + b</c> and <c>A = max(Z, 0)</c>, times <paramref name="mask"/>
    /// elementwise when it is not empty (inverted dropout: each entry 0 or 1/keep_prob). NaN in Z gives NaN in A.
    /// Z is kept in <paramref name="z"/> unless that is empty (training needs only A). On the unpacked path A (and Z)
    /// are written straight from the registers of the product.
    /// </summary>
    public static void MultiplyAddBiasRelu(
        ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> bias, ReadOnlySpan<double> mask, Span<double> z, Span<double> a, int m, int k, int n) =>
        MultiplyAddBiasRelu(w, x, bias, mask, z, a, m, k, n, int.MaxValue);

    internal static void MultiplyAddBiasRelu(
        ReadOnlySpan<double> w, ReadOnlySpan<double> x, ReadOnlySpan<double> bias, ReadOnlySpan<double> mask, Span<double> z, Span<double> a, int m, int k, int n, int maxWidth)
    {
        ValidateLayer(w, x, a, bias, m, k, n);
        if (!z.IsEmpty)
        {
            ValidateLayer(w, x, z, bias, m, k, n);
        }

        if (!mask.IsEmpty)
        {
            ValidateShape(mask, m, n, nameof(mask), nameof(mask));
        }

        if (!FusesLayerSteps(m, k, n, thin: m == 1 && k * n >= ThinProductMinimum))
        {
            Span<double> logits = z.IsEmpty ? a : z;
            Multiply(w, x, logits, m, k, n, accumulate: false);
            AddBias(bias, logits, m, n);
            Span<double> activations = a[..(m * n)];
            TensorPrimitives.Max(logits[..(m * n)], 0.0, activations);
            if (!mask.IsEmpty)
            {
                TensorPrimitives.Multiply(activations, mask[..(m * n)], activations);
            }

            return;
        }

        fixed (double* pw = w, px = x, pz = z, pa = a, pm = mask, pb = bias)
        {
            var o = new Operands(pw, k, 1, px, n, 1, pa, m, k, n, accumulate: false, dotForm: false);
            var store = new BiasReluStore(z.IsEmpty ? null : pz, pa, mask.IsEmpty ? null : pm, pb);
            Dispatch(new OuterPath<BiasReluStore>(store), o, n, maxWidth);
        }
    }

    /// <summary>
    /// A ReLU layer's backward step: <c>dZ = (W^T dZ_next) * scale</c> where the layer's output A is positive and 0
    /// elsewhere. W is stored k x m, dZ_next is k x n, A and dZ are m x n. Under inverted dropout, A is positive only
    /// where the unit was kept, whose mask value is scale = 1/keep_prob: this is the masked derivative without
    /// reading the mask (scale 1 without dropout). On the unpacked path the gate is applied as each register of the
    /// product is stored.
    /// </summary>
    public static void MultiplyTransposedAReluGate(
        ReadOnlySpan<double> w, ReadOnlySpan<double> nextGradient, ReadOnlySpan<double> a, double scale, Span<double> dz, int m, int k, int n) =>
        MultiplyTransposedAReluGate(w, nextGradient, a, scale, dz, m, k, n, int.MaxValue);

    internal static void MultiplyTransposedAReluGate(
        ReadOnlySpan<double> w, ReadOnlySpan<double> nextGradient, ReadOnlySpan<double> a, double scale, Span<double> dz, int m, int k, int n, int maxWidth)
    {
        Validate(w, nextGradient, dz, m, k, n);
        ValidateShape(a, m, n, nameof(a), nameof(a));
        if (!FusesLayerSteps(m, k, n, thin: k == 1 && m * n >= ThinProductMinimum))
        {
            MultiplyTransposedA(w, nextGradient, dz, m, k, n, accumulate: false);
            Span<double> product = dz[..(m * n)];
            Elementwise.MaskWherePositive(a[..(m * n)], product, product);
            if (scale != 1.0)
            {
                TensorPrimitives.Multiply(product, scale, product);
            }

            return;
        }

        fixed (double* pw = w, pg = nextGradient, pa = a, pd = dz)
        {
            var o = new Operands(pw, 1, m, pg, n, 1, pd, m, k, n, accumulate: false, dotForm: false);
            Dispatch(new OuterPath<ReluGateStore>(new ReluGateStore(pd, pa, scale)), o, n, maxWidth);
        }
    }

    /// <summary>
    /// Whether a layer's product runs on the unpacked outer-product kernel, where the fused steps happen in registers.
    /// <paramref name="thin"/> products (a single row or inner index over a large operand) stream instead, and large
    /// ones pack.
    /// </summary>
    private static bool FusesLayerSteps(int m, int k, int n, bool thin) =>
        m > 0 && k > 0 && n > 0 && !thin && !ShouldPack(m, k, n, dotForm: false);

    private static void AddBias(ReadOnlySpan<double> bias, Span<double> z, int m, int n)
    {
        for (int r = 0; r < m; r++)
        {
            Span<double> row = z.Slice(r * n, n);
            TensorPrimitives.Add(row, bias[r], row);
        }
    }

    private static void ValidateLayer(ReadOnlySpan<double> w, ReadOnlySpan<double> x, Span<double> z, ReadOnlySpan<double> bias, int m, int k, int n)
    {
        Validate(w, x, z, m, k, n);
        if (bias.Length < m)
        {
            throw new ArgumentException($"the bias holds {bias.Length} values; {m} rows need {m}.", nameof(bias));
        }
    }

    private static void ValidateShape(ReadOnlySpan<double> matrix, int rows, int columns, string label, string parameter)
    {
        if (matrix.Length < (long)rows * columns)
        {
            throw new ArgumentException($"{label} holds {matrix.Length} values; a {rows} x {columns} matrix needs {(long)rows * columns}.", parameter);
        }
    }

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
        ValidateShape(a, m, k, "A", nameof(a));
        ValidateShape(b, k, n, "B", nameof(b));
        ValidateShape(c, m, n, "C", nameof(c));

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
            Dispatch(default(PackedPath), o, int.MaxValue, maxWidth);
        }
        else if (o.DotForm)
        {
            Dispatch(default(DotPath), o, o.K, maxWidth);
        }
        else
        {
            Dispatch(new OuterPath<PlainStore>(new PlainStore(o.C, o.Accumulate)), o, o.N, maxWidth);
        }
    }

    /// <summary>The one place that picks the register width: the widest accelerated one no longer than
    /// <paramref name="length"/> (the unpacked kernels need rows at least one register long). Tests lower
    /// <paramref name="maxWidth"/> to cover the narrower widths on wide hardware.</summary>
    private static void Dispatch<TPath>(in TPath path, in Operands o, int length, int maxWidth)
        where TPath : struct, IGemmPath
    {
        int limit = Math.Min(length, maxWidth);
        if (Vector512.IsHardwareAccelerated && limit >= Vector512<double>.Count)
        {
            path.Run<Lanes512, Vector512<double>>(o);
        }
        else if (Vector256.IsHardwareAccelerated && limit >= Vector256<double>.Count)
        {
            path.Run<Lanes256, Vector256<double>>(o);
        }
        else if (Vector128.IsHardwareAccelerated && limit >= Vector128<double>.Count)
        {
            path.Run<Lanes128, Vector128<double>>(o);
        }
        else
        {
            path.Run<LanesScalar, double>(o);
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
        void Run<TLanes, TVec>(in Operands o)
            where TLanes : struct, IDoubleLanes<TVec>
            where TVec : struct;
    }

    private readonly struct PackedPath : IGemmPath
    {
        public void Run<TLanes, TVec>(in Operands o)
            where TLanes : struct, IDoubleLanes<TVec>
            where TVec : struct =>
            GemmPacked.Run<TLanes, TVec>(o.A, o.ARowStride, o.ADepthStride, o.B, o.BDepthStride, o.BColumnStride, o.C, o.M, o.K, o.N, o.Accumulate);
    }

    /// <summary>The unpacked outer-product kernel, handing each finished register of C to <paramref name="store"/>.</summary>
    private readonly struct OuterPath<TStore>(TStore store) : IGemmPath
        where TStore : struct, ITileStore
    {
        public void Run<TLanes, TVec>(in Operands o)
            where TLanes : struct, IDoubleLanes<TVec>
            where TVec : struct =>
            GemmDirect.Outer<TLanes, TVec, TStore>(o.A, o.ARowStride, o.ADepthStride, o.B, o.BDepthStride, o.M, o.K, o.N, store);
    }

    private readonly struct DotPath : IGemmPath
    {
        public void Run<TLanes, TVec>(in Operands o)
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
