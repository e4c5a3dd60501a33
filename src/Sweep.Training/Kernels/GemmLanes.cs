using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Training.Kernels;

/// <summary>
/// The handful of vector operations the GEMM kernels use, over one register width. The kernels are generic over a
/// struct implementing this interface, so the JIT compiles one specialised copy per width in which these calls inline
/// (the element-wise ones to single instructions): the kernels are written once and <see cref="Gemm"/> picks the width
/// once per call.
/// </summary>
/// <typeparam name="TVec">The register type: <see cref="Vector512{T}"/>, <see cref="Vector256{T}"/>,
/// <see cref="Vector128{T}"/> of double, or double itself for the scalar fallback.</typeparam>
internal unsafe interface IDoubleLanes<TVec>
    where TVec : struct
{
    /// <summary>Doubles per register.</summary>
    static abstract int Width { get; }

    /// <summary>
    /// Rows of the packed micro-tile (MR). Eight rows of three registers need 24 accumulators plus four working
    /// registers, which fits the 32 registers of AVX-512; the narrower widths must also run on 16-register machines
    /// (AVX2, SSE), so they use four rows (12 accumulators). The unpacked kernels read 8 here as "32 registers".
    /// </summary>
    static abstract int TileRows { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(double* source);

    static abstract void Store(double* destination, TVec value);

    static abstract TVec Broadcast(double value);

    /// <summary><c>a * b + c</c>, fused (one rounding) where the hardware has FMA, else multiply then add.</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);

    static abstract TVec Add(TVec a, TVec b);

    static abstract TVec Multiply(TVec a, TVec b);

    /// <summary>
    /// <c>max(value, 0)</c> lane-wise, NaN where value is NaN (a zero of either sign may come out as -0). One
    /// instruction: x86's max returns its second operand when either is NaN, and Arm's propagates NaN.
    /// </summary>
    static abstract TVec Relu(TVec value);

    /// <summary>All bits set in the lanes that are greater than 0 (not in NaN lanes), clear elsewhere.</summary>
    static abstract TVec GreaterThanZero(TVec value);

    static abstract double Sum(TVec value);

    /// <summary><c>destination[i] (+)= sum of the lanes of s_i</c> for four registers at once (the end of four dot
    /// products); the four reductions share their shuffles.</summary>
    static abstract void StoreSums(TVec s0, TVec s1, TVec s2, TVec s3, double* destination, bool accumulate);

    /// <summary>All bits set in lanes <c>firstLane..Width-1</c>, clear below: selects the fresh part of a vector that
    /// overlaps lanes already processed.</summary>
    static abstract TVec UpperLanesMask(int firstLane);

    static abstract TVec And(TVec value, TVec mask);

    /// <summary>Lane-wise <c>mask ? ifSet : ifClear</c>.</summary>
    static abstract TVec Select(TVec mask, TVec ifSet, TVec ifClear);

    /// <summary>
    /// Transposes one Width x Width block: <c>destination[c * destinationStride + r] = source[r * sourceStride + c]</c>.
    /// Packing a row-major operand whose reduction runs along its rows is a transpose; doing it a register block at a
    /// time in shuffles replaces Width^2 scalar moves with Width loads, Width stores and a few shuffles per register.
    /// </summary>
    static abstract void TransposeBlock(double* source, nint sourceStride, double* destination, nint destinationStride);
}

internal readonly unsafe struct Lanes512 : IDoubleLanes<Vector512<double>>
{
    public static int Width => Vector512<double>.Count;

    public static int TileRows => 8;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(double* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* destination, Vector512<double> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) =>
        Vector512.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Relu(Vector512<double> value) => Vector512.MaxNative(Vector512<double>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> GreaterThanZero(Vector512<double> value) => Vector512.GreaterThan(value, Vector512<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> value) => Vector512.Sum(value);

    /// <summary>Pairwise sums of neighbouring lanes of s0/s1 and s2/s3 (unpack), then of lane pairs (two-source
    /// permute), then of the two 256-bit halves: seven shuffles and adds for four sums instead of four full
    /// reductions.</summary>
    public static void StoreSums(
        Vector512<double> s0, Vector512<double> s1, Vector512<double> s2, Vector512<double> s3, double* destination, bool accumulate)
    {
        Vector256<double> sums;
        if (Avx512F.IsSupported)
        {
            // u = s0[0]+s0[1], s1[0]+s1[1], s0[2]+s0[3], s1[2]+s1[3], ... (and v for s2, s3)
            Vector512<double> u = Avx512F.UnpackLow(s0, s1) + Avx512F.UnpackHigh(s0, s1);
            Vector512<double> v = Avx512F.UnpackLow(s2, s3) + Avx512F.UnpackHigh(s2, s3);

            // t = s0..s3 summed over lanes 0-3 | s0..s3 summed over lanes 4-7
            Vector512<double> t =
                Avx512F.PermuteVar8x64x2(u, Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13), v) +
                Avx512F.PermuteVar8x64x2(u, Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15), v);
            sums = t.GetLower() + t.GetUpper();
        }
        else
        {
            sums = Vector256.Create(Vector512.Sum(s0), Vector512.Sum(s1), Vector512.Sum(s2), Vector512.Sum(s3));
        }

        if (accumulate)
        {
            sums += Vector256.Load(destination);
        }

        sums.Store(destination);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> UpperLanesMask(int firstLane) =>
        Vector512.GreaterThanOrEqual(Vector512<long>.Indices, Vector512.Create((long)firstLane)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> And(Vector512<double> value, Vector512<double> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> ifSet, Vector512<double> ifClear) =>
        Vector512.ConditionalSelect(mask, ifSet, ifClear);

    /// <summary>8 x 8 in three shuffle stages: interleave row pairs (unpack), then gather 2-element runs into
    /// 4-element ones across 128-bit lanes (two-source permute), then join halves of rows 0-3 and 4-7 (128-bit lane
    /// shuffle). Vector512 acceleration on x86 implies AVX-512F; elsewhere the scalar loop is kept.</summary>
    public static void TransposeBlock(double* source, nint sourceStride, double* destination, nint destinationStride)
    {
        if (!Avx512F.IsSupported)
        {
            TransposeScalar.Block(source, sourceStride, destination, destinationStride, Width);
            return;
        }

        Vector512<double> r0 = Vector512.Load(source);
        Vector512<double> r1 = Vector512.Load(source + sourceStride);
        Vector512<double> r2 = Vector512.Load(source + 2 * sourceStride);
        Vector512<double> r3 = Vector512.Load(source + 3 * sourceStride);
        Vector512<double> r4 = Vector512.Load(source + 4 * sourceStride);
        Vector512<double> r5 = Vector512.Load(source + 5 * sourceStride);
        Vector512<double> r6 = Vector512.Load(source + 6 * sourceStride);
        Vector512<double> r7 = Vector512.Load(source + 7 * sourceStride);

        // t0 = r0[0] r1[0] r0[2] r1[2] r0[4] r1[4] r0[6] r1[6]; t1 the same for the odd columns.
        Vector512<double> t0 = Avx512F.UnpackLow(r0, r1), t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<double> t2 = Avx512F.UnpackLow(r2, r3), t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<double> t4 = Avx512F.UnpackLow(r4, r5), t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<double> t6 = Avx512F.UnpackLow(r6, r7), t7 = Avx512F.UnpackHigh(r6, r7);

        // u0 = rows 0-3 of column 0 | rows 0-3 of column 4; u2 columns 2 | 6; u1 columns 1 | 5; u3 columns 3 | 7.
        Vector512<long> evenPairs = Vector512.Create(0L, 1, 8, 9, 4, 5, 12, 13);
        Vector512<long> oddPairs = Vector512.Create(2L, 3, 10, 11, 6, 7, 14, 15);
        Vector512<double> u0 = Avx512F.PermuteVar8x64x2(t0, evenPairs, t2), u2 = Avx512F.PermuteVar8x64x2(t0, oddPairs, t2);
        Vector512<double> u1 = Avx512F.PermuteVar8x64x2(t1, evenPairs, t3), u3 = Avx512F.PermuteVar8x64x2(t1, oddPairs, t3);
        Vector512<double> v0 = Avx512F.PermuteVar8x64x2(t4, evenPairs, t6), v2 = Avx512F.PermuteVar8x64x2(t4, oddPairs, t6);
        Vector512<double> v1 = Avx512F.PermuteVar8x64x2(t5, evenPairs, t7), v3 = Avx512F.PermuteVar8x64x2(t5, oddPairs, t7);

        // Low halves (0x44) give columns 0-3, high halves (0xEE) columns 4-7.
        Avx512F.Shuffle4x128(u0, v0, 0x44).Store(destination);
        Avx512F.Shuffle4x128(u1, v1, 0x44).Store(destination + destinationStride);
        Avx512F.Shuffle4x128(u2, v2, 0x44).Store(destination + 2 * destinationStride);
        Avx512F.Shuffle4x128(u3, v3, 0x44).Store(destination + 3 * destinationStride);
        Avx512F.Shuffle4x128(u0, v0, 0xEE).Store(destination + 4 * destinationStride);
        Avx512F.Shuffle4x128(u1, v1, 0xEE).Store(destination + 5 * destinationStride);
        Avx512F.Shuffle4x128(u2, v2, 0xEE).Store(destination + 6 * destinationStride);
        Avx512F.Shuffle4x128(u3, v3, 0xEE).Store(destination + 7 * destinationStride);
    }
}

internal readonly unsafe struct Lanes256 : IDoubleLanes<Vector256<double>>
{
    public static int Width => Vector256<double>.Count;

    public static int TileRows => 4;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(double* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* destination, Vector256<double> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) =>
        Vector256.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Relu(Vector256<double> value) => Vector256.MaxNative(Vector256<double>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GreaterThanZero(Vector256<double> value) => Vector256.GreaterThan(value, Vector256<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums(Vector256<double> s0, Vector256<double> s1, Vector256<double> s2, Vector256<double> s3, double* destination, bool accumulate)
    {
        GemmLanesDefaults.StoreSums(Sum(s0), Sum(s1), Sum(s2), Sum(s3), destination, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> UpperLanesMask(int firstLane) =>
        Vector256.GreaterThanOrEqual(Vector256<long>.Indices, Vector256.Create((long)firstLane)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> value, Vector256<double> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> ifSet, Vector256<double> ifClear) =>
        Vector256.ConditionalSelect(mask, ifSet, ifClear);

    /// <summary>4 x 4: interleave row pairs, then join the 128-bit halves.</summary>
    public static void TransposeBlock(double* source, nint sourceStride, double* destination, nint destinationStride)
    {
        if (!Avx.IsSupported)
        {
            TransposeScalar.Block(source, sourceStride, destination, destinationStride, Width);
            return;
        }

        Vector256<double> r0 = Vector256.Load(source);
        Vector256<double> r1 = Vector256.Load(source + sourceStride);
        Vector256<double> r2 = Vector256.Load(source + 2 * sourceStride);
        Vector256<double> r3 = Vector256.Load(source + 3 * sourceStride);
        Vector256<double> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<double> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Avx.Permute2x128(t0, t2, 0x20).Store(destination);
        Avx.Permute2x128(t1, t3, 0x20).Store(destination + destinationStride);
        Avx.Permute2x128(t0, t2, 0x31).Store(destination + 2 * destinationStride);
        Avx.Permute2x128(t1, t3, 0x31).Store(destination + 3 * destinationStride);
    }
}

internal readonly unsafe struct Lanes128 : IDoubleLanes<Vector128<double>>
{
    public static int Width => Vector128<double>.Count;

    public static int TileRows => 4;

    public static Vector128<double> Zero => Vector128<double>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(double* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* destination, Vector128<double> value) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Broadcast(double value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) =>
        Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Relu(Vector128<double> value) => Vector128.MaxNative(Vector128<double>.Zero, value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> GreaterThanZero(Vector128<double> value) => Vector128.GreaterThan(value, Vector128<double>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<double> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums(Vector128<double> s0, Vector128<double> s1, Vector128<double> s2, Vector128<double> s3, double* destination, bool accumulate)
    {
        GemmLanesDefaults.StoreSums(Sum(s0), Sum(s1), Sum(s2), Sum(s3), destination, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> UpperLanesMask(int firstLane) =>
        Vector128.GreaterThanOrEqual(Vector128<long>.Indices, Vector128.Create((long)firstLane)).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> And(Vector128<double> value, Vector128<double> mask) => value & mask;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<double> mask, Vector128<double> ifSet, Vector128<double> ifClear) =>
        Vector128.ConditionalSelect(mask, ifSet, ifClear);

    /// <summary>2 x 2: one interleave of the two rows.</summary>
    public static void TransposeBlock(double* source, nint sourceStride, double* destination, nint destinationStride)
    {
        Vector128<double> r0 = Vector128.Load(source);
        Vector128<double> r1 = Vector128.Load(source + sourceStride);
        if (Sse2.IsSupported)
        {
            Sse2.UnpackLow(r0, r1).Store(destination);
            Sse2.UnpackHigh(r0, r1).Store(destination + destinationStride);
        }
        else if (AdvSimd.Arm64.IsSupported)
        {
            AdvSimd.Arm64.ZipLow(r0, r1).Store(destination);
            AdvSimd.Arm64.ZipHigh(r0, r1).Store(destination + destinationStride);
        }
        else
        {
            TransposeScalar.Block(source, sourceStride, destination, destinationStride, Width);
        }
    }
}

/// <summary>One double per "register": the fallback when no vector width is hardware accelerated.</summary>
internal readonly unsafe struct LanesScalar : IDoubleLanes<double>
{
    public static int Width => 1;

    public static int TileRows => 4;

    public static double Zero => 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load(double* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(double* destination, double value) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Broadcast(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double MultiplyAdd(double a, double b, double c) => double.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Add(double a, double b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Multiply(double a, double b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Relu(double value) => Math.Max(value, 0.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GreaterThanZero(double value) => value > 0 ? BitConverter.Int64BitsToDouble(-1) : 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(double value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums(double s0, double s1, double s2, double s3, double* destination, bool accumulate)
    {
        GemmLanesDefaults.StoreSums(Sum(s0), Sum(s1), Sum(s2), Sum(s3), destination, accumulate);
    }

    // A scalar never overlaps processed lanes (every count is a multiple of width 1), so masks are never needed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double UpperLanesMask(int firstLane) => firstLane <= 0 ? BitConverter.Int64BitsToDouble(-1) : 0.0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double And(double value, double mask) =>
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(value) & BitConverter.DoubleToInt64Bits(mask));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Select(double mask, double ifSet, double ifClear) =>
        BitConverter.DoubleToInt64Bits(mask) != 0 ? ifSet : ifClear;

    public static void TransposeBlock(double* source, nint sourceStride, double* destination, nint destinationStride) =>
        *destination = *source;
}

/// <summary>Shared scalar pieces of the narrower lane types.</summary>
internal static unsafe class GemmLanesDefaults
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreSums(double s0, double s1, double s2, double s3, double* destination, bool accumulate)
    {
        if (accumulate)
        {
            s0 += destination[0];
            s1 += destination[1];
            s2 += destination[2];
            s3 += destination[3];
        }

        destination[0] = s0;
        destination[1] = s1;
        destination[2] = s2;
        destination[3] = s3;
    }
}

/// <summary>Element-by-element transpose, for blocks or hardware the shuffle versions do not cover.</summary>
internal static unsafe class TransposeScalar
{
    /// <summary><c>destination[c * destinationStride + r] = source[r * sourceStride + c]</c> for
    /// <c>r &lt; rows</c>, <c>c &lt; columns</c>.</summary>
    public static void Block(double* source, nint sourceStride, double* destination, nint destinationStride, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            double* from = source + r * sourceStride;
            for (int c = 0; c < columns; c++)
            {
                destination[c * destinationStride + r] = from[c];
            }
        }
    }

    public static void Block(double* source, nint sourceStride, double* destination, nint destinationStride, int size) =>
        Block(source, sourceStride, destination, destinationStride, size, size);
}

/// <summary>A block extent known at JIT time (1 to 4), so the unpacked tiles are written once and the unused
/// rows or columns of each instantiation are removed as dead code.</summary>
internal interface IBlockCount
{
    static abstract int Value { get; }
}

internal readonly struct Count1 : IBlockCount
{
    public static int Value => 1;
}

internal readonly struct Count2 : IBlockCount
{
    public static int Value => 2;
}

internal readonly struct Count3 : IBlockCount
{
    public static int Value => 3;
}

internal readonly struct Count4 : IBlockCount
{
    public static int Value => 4;
}
