using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sweep.Training.Kernels;

/// <summary>Which lanes <see cref="MersenneTwisterLanes"/> runs on: the widest accelerated by default, others for tests.</summary>
internal enum LaneWidth
{
    Scalar = 0,
    Vector128 = 128,
    Vector256 = 256,
    Vector512 = 512,
}

/// <summary>
/// MT19937 (Matsumoto and Nishimura, 1998) a whole 624-word block at a time over vector lanes, and NumPy's legacy
/// <c>rand()</c> (two tempered words to one double) over a block's words, so that NumPy-exact uniforms and dropout
/// masks come in bulk. Every width gives the scalar generator's numbers bit for bit.
/// </summary>
/// <remarks>
/// The twist <c>mt[i] = mt[i+397] ^ (y &gt;&gt; 1) ^ (odd(y) ? 0x9908b0df : 0)</c>, <c>y = (mt[i] &amp; 0x80000000) |
/// (mt[i+1] &amp; 0x7fffffff)</c> (indices mod 624), done in place in ascending i, reads the old mt[i] and mt[i+1]
/// and, for i &lt; 227, the old mt[i+397]; from i = 227 on, mt[i+397-624] = mt[i-227] is a word already renewed in
/// this pass. A vector of k lanes i..i+k-1 therefore has all its inputs ready as long as it does not straddle 227
/// (227 &gt; k, so the renewed words it reads were stored by earlier vectors) and does not reach word 623, whose
/// mt[i+1] is the renewed mt[0]: the pass runs vectors over [0, 227), scalars to 227, vectors over [227, 623),
/// scalars to 623, and word 623 alone. Tempering has no dependency and runs over the whole block (624 = 39 x 16).
/// </remarks>
internal static class MersenneTwisterLanes
{
    public const int StateLength = 624;
    public const int Shift = 397;

    /// <summary>The widest lanes the hardware accelerates.</summary>
    public static LaneWidth Best { get; } =
        Vector512.IsHardwareAccelerated ? LaneWidth.Vector512
        : Vector256.IsHardwareAccelerated ? LaneWidth.Vector256
        : Vector128.IsHardwareAccelerated ? LaneWidth.Vector128
        : LaneWidth.Scalar;

    /// <summary>
    /// Twists <paramref name="state"/> (624 words) in place to the next block and writes its tempered words
    /// <c>t = T(mt[i])</c>, <c>T(y) = y4</c> with <c>y1 = y ^ (y &gt;&gt; 11)</c>, <c>y2 = y1 ^ ((y1 &lt;&lt; 7) &amp;
    /// 0x9d2c5680)</c>, <c>y3 = y2 ^ ((y2 &lt;&lt; 15) &amp; 0xefc60000)</c>, <c>y4 = y3 ^ (y3 &gt;&gt; 18)</c>, to
    /// <paramref name="tempered"/>: the generator's next 624 outputs.
    /// </summary>
    public static void NextBlock(Span<uint> state, Span<uint> tempered, LaneWidth width)
    {
        if (state.Length != StateLength || tempered.Length != StateLength)
        {
            throw new ArgumentException("MT19937's state and output blocks are 624 words");
        }

        ref uint mt = ref MemoryMarshal.GetReference(state);
        ref uint output = ref MemoryMarshal.GetReference(tempered);
        switch (width)
        {
            case LaneWidth.Vector512: NextBlock<Lanes512>(ref mt, ref output); break;
            case LaneWidth.Vector256: NextBlock<Lanes256>(ref mt, ref output); break;
            case LaneWidth.Vector128: NextBlock<Lanes128>(ref mt, ref output); break;
            default: NextBlock<Lanes1>(ref mt, ref output); break;
        }
    }

    /// <summary>
    /// NumPy's <c>rand()</c> from consecutive pairs of tempered words (a, b) = (words[2i], words[2i+1]):
    /// <c>destination[i] = ((a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6)) / 2^53</c>, exact in double. Reads
    /// <c>2 * destination.Length</c> words.
    /// </summary>
    public static void Uniform(ReadOnlySpan<uint> words, Span<double> destination, LaneWidth width)
    {
        if (words.Length < 2 * destination.Length)
        {
            throw new ArgumentException("two words per double");
        }

        ref uint w = ref MemoryMarshal.GetReference(words);
        ref double d = ref MemoryMarshal.GetReference(destination);
        int n = destination.Length;
        switch (width)
        {
            case LaneWidth.Vector512: Pairs<Lanes512, ToUniform>(ref w, ref d, n, default); break;
            case LaneWidth.Vector256: Pairs<Lanes256, ToUniform>(ref w, ref d, n, default); break;
            case LaneWidth.Vector128: Pairs<Lanes128, ToUniform>(ref w, ref d, n, default); break;
            default: Pairs<Lanes1, ToUniform>(ref w, ref d, n, default); break;
        }
    }

    /// <summary>
    /// An inverted-dropout mask from the same pairs: <c>mask[i] = rand_i &lt; keepProb ? scale : 0</c> with rand_i as
    /// in <see cref="Uniform"/>. Since <c>rand_i = k_i / 2^53</c> exactly, with the 53-bit integer
    /// <c>k_i = (a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6)</c>, this is <c>k_i &lt; ceil(keepProb * 2^53)</c>, a compare of
    /// integers with no conversion. NaN or a negative keepProb keeps nothing, keepProb &gt;= 1 everything, as NumPy's
    /// <c>rand() &lt; keep_prob</c> does.
    /// </summary>
    public static void KeepMask(ReadOnlySpan<uint> words, Span<double> mask, double keepProb, double scale, LaneWidth width)
    {
        if (words.Length < 2 * mask.Length)
        {
            throw new ArgumentException("two words per mask element");
        }

        // A conversion to long saturates (NaN gives 0), and k_i < 2^53 is always below a saturated threshold.
        var sink = new ToKeepMask((long)Math.Ceiling(keepProb * 9007199254740992.0), scale);
        ref uint w = ref MemoryMarshal.GetReference(words);
        ref double d = ref MemoryMarshal.GetReference(mask);
        int n = mask.Length;
        switch (width)
        {
            case LaneWidth.Vector512: Pairs<Lanes512, ToKeepMask>(ref w, ref d, n, sink); break;
            case LaneWidth.Vector256: Pairs<Lanes256, ToKeepMask>(ref w, ref d, n, sink); break;
            case LaneWidth.Vector128: Pairs<Lanes128, ToKeepMask>(ref w, ref d, n, sink); break;
            default: Pairs<Lanes1, ToKeepMask>(ref w, ref d, n, sink); break;
        }
    }

    /// <summary>The one scalar step of the twist, for the words the vectors leave.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Mix(uint current, uint next, uint shifted)
    {
        uint y = (current & 0x80000000U) | (next & 0x7fffffffU);
        return shifted ^ (y >> 1) ^ ((0U - (y & 1)) & 0x9908b0dfU);
    }

    /// <summary>MT19937's tempering of one word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        return y ^ (y >> 18);
    }

    /// <summary>The 53-bit integer k = (a &gt;&gt; 5) * 2^26 + (b &gt;&gt; 6) of one pair.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Pair(uint a, uint b) => ((long)(a >> 5) << 26) | (b >> 6);

    // The chunking is explained in the type's remarks.
    private static void NextBlock<TLanes>(ref uint mt, ref uint output)
        where TLanes : struct, ILanes
    {
        int i = 0;
        for (; i <= StateLength - Shift - TLanes.Count; i += TLanes.Count)
        {
            TLanes.Twist(ref mt, i, i + Shift);
        }

        for (; i < StateLength - Shift; i++)
        {
            Unsafe.Add(ref mt, i) = Mix(Unsafe.Add(ref mt, i), Unsafe.Add(ref mt, i + 1), Unsafe.Add(ref mt, i + Shift));
        }

        for (; i <= StateLength - 1 - TLanes.Count; i += TLanes.Count)
        {
            TLanes.Twist(ref mt, i, i + Shift - StateLength);
        }

        for (; i < StateLength - 1; i++)
        {
            Unsafe.Add(ref mt, i) = Mix(Unsafe.Add(ref mt, i), Unsafe.Add(ref mt, i + 1), Unsafe.Add(ref mt, i + Shift - StateLength));
        }

        Unsafe.Add(ref mt, StateLength - 1) = Mix(Unsafe.Add(ref mt, StateLength - 1), mt, Unsafe.Add(ref mt, Shift - 1));
        for (int j = 0; j < StateLength; j += TLanes.Count)
        {
            TLanes.Temper(ref mt, ref output, j);
        }
    }

    private static void Pairs<TLanes, TSink>(ref uint words, ref double destination, int count, TSink sink)
        where TLanes : struct, ILanes
        where TSink : struct, IPairSink
    {
        // Two little-endian words read as one ulong hold a in the low half and b in the high half, whatever the
        // alignment of the first word (the loads are unaligned).
        ref ulong pairs = ref Unsafe.As<uint, ulong>(ref words);
        int pairsPerVector = TLanes.Count / 2;
        int i = 0;
        if (pairsPerVector > 0)
        {
            for (; i <= count - pairsPerVector; i += pairsPerVector)
            {
                TLanes.Pairs(ref pairs, ref destination, i, sink);
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref destination, i) = sink.Apply(Pair(Unsafe.Add(ref words, 2 * i), Unsafe.Add(ref words, 2 * i + 1)));
        }
    }

    /// <summary>What becomes of a pair's 53-bit integer k.</summary>
    private interface IPairSink
    {
        double Apply(long k);

        Vector512<double> Apply(Vector512<long> k);

        Vector256<double> Apply(Vector256<long> k);

        Vector128<double> Apply(Vector128<long> k);
    }

    /// <summary>
    /// <c>k / 2^53</c>. AVX2 has no long-to-double conversion, so k goes in two halves of 27 and 26 bits: a field
    /// below 2^52 or-ed into the mantissa of 2^52 reads as 2^52 + field exactly, and subtracting 2^52 leaves it; then
    /// <c>high * 2^26 + low</c> (below 2^53) and the division by a power of two are exact.
    /// </summary>
    private readonly struct ToUniform : IPairSink
    {
        private const double TwoTo52 = 4503599627370496.0;
        private const ulong TwoTo52Bits = 0x4330000000000000UL;
        private const double TwoToMinus53 = 1.0 / 9007199254740992.0;

        public double Apply(long k) => k * TwoToMinus53;

        public Vector512<double> Apply(Vector512<long> k)
        {
            var high = ((k.AsUInt64() >>> 26) | Vector512.Create(TwoTo52Bits)).AsDouble() - Vector512.Create(TwoTo52);
            var low = ((k.AsUInt64() & Vector512.Create(0x3ffffffUL)) | Vector512.Create(TwoTo52Bits)).AsDouble() - Vector512.Create(TwoTo52);
            return (high * 67108864.0 + low) * TwoToMinus53;
        }

        public Vector256<double> Apply(Vector256<long> k)
        {
            var high = ((k.AsUInt64() >>> 26) | Vector256.Create(TwoTo52Bits)).AsDouble() - Vector256.Create(TwoTo52);
            var low = ((k.AsUInt64() & Vector256.Create(0x3ffffffUL)) | Vector256.Create(TwoTo52Bits)).AsDouble() - Vector256.Create(TwoTo52);
            return (high * 67108864.0 + low) * TwoToMinus53;
        }

        public Vector128<double> Apply(Vector128<long> k)
        {
            var high = ((k.AsUInt64() >>> 26) | Vector128.Create(TwoTo52Bits)).AsDouble() - Vector128.Create(TwoTo52);
            var low = ((k.AsUInt64() & Vector128.Create(0x3ffffffUL)) | Vector128.Create(TwoTo52Bits)).AsDouble() - Vector128.Create(TwoTo52);
            return (high * 67108864.0 + low) * TwoToMinus53;
        }
    }

    /// <summary><c>k &lt; threshold ? scale : 0</c>; k and the threshold are below 2^63, so a signed compare is exact.</summary>
    private readonly struct ToKeepMask(long threshold, double scale) : IPairSink
    {
        public double Apply(long k) => k < threshold ? scale : 0.0;

        public Vector512<double> Apply(Vector512<long> k) =>
            Vector512.ConditionalSelect(Vector512.LessThan(k, Vector512.Create(threshold)).AsDouble(), Vector512.Create(scale), Vector512<double>.Zero);

        public Vector256<double> Apply(Vector256<long> k) =>
            Vector256.ConditionalSelect(Vector256.LessThan(k, Vector256.Create(threshold)).AsDouble(), Vector256.Create(scale), Vector256<double>.Zero);

        public Vector128<double> Apply(Vector128<long> k) =>
            Vector128.ConditionalSelect(Vector128.LessThan(k, Vector128.Create(threshold)).AsDouble(), Vector128.Create(scale), Vector128<double>.Zero);
    }

    /// <summary>One vector width's steps: <see cref="Count"/> words of the twist or the tempering, half as many pairs.</summary>
    private interface ILanes
    {
        static abstract int Count { get; }

        /// <summary><c>mt[i+j] = Mix(mt[i+j], mt[i+j+1], mt[s+j])</c> for the lanes j.</summary>
        static abstract void Twist(ref uint mt, int i, int s);

        /// <summary><c>output[i+j] = Temper(mt[i+j])</c> for the lanes j.</summary>
        static abstract void Temper(ref uint mt, ref uint output, int i);

        /// <summary><c>destination[i+j] = sink(k_(i+j))</c> for the pairs j.</summary>
        static abstract void Pairs<TSink>(ref ulong pairs, ref double destination, int i, TSink sink)
            where TSink : struct, IPairSink;
    }

    /// <summary>
    /// k = ((a &amp; ~31) &lt;&lt; 21) | (b &gt;&gt; 6) from a pair read as one ulong p = a | b &lt;&lt; 32:
    /// <c>((p &amp; 0xffffffe0) &lt;&lt; 21) | (p &gt;&gt; 38)</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Pair(Vector512<ulong> p) => (((p & Vector512.Create(0xffffffe0UL)) << 21) | (p >>> 38)).AsInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Pair(Vector256<ulong> p) => (((p & Vector256.Create(0xffffffe0UL)) << 21) | (p >>> 38)).AsInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<long> Pair(Vector128<ulong> p) => (((p & Vector128.Create(0xffffffe0UL)) << 21) | (p >>> 38)).AsInt64();

    private readonly struct Lanes1 : ILanes
    {
        public static int Count => 1;

        public static void Twist(ref uint mt, int i, int s) =>
            Unsafe.Add(ref mt, i) = Mix(Unsafe.Add(ref mt, i), Unsafe.Add(ref mt, i + 1), Unsafe.Add(ref mt, s));

        public static void Temper(ref uint mt, ref uint output, int i) =>
            Unsafe.Add(ref output, i) = MersenneTwisterLanes.Temper(Unsafe.Add(ref mt, i));

        // One lane holds no pair: Pairs<Lanes1, _> does every pair in its scalar loop.
        public static void Pairs<TSink>(ref ulong pairs, ref double destination, int i, TSink sink)
            where TSink : struct, IPairSink =>
            throw new InvalidOperationException("a single lane holds no pair");
    }

    private readonly struct Lanes128 : ILanes
    {
        public static int Count => Vector128<uint>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Twist(ref uint mt, int i, int s)
        {
            var y = (Vector128.LoadUnsafe(ref mt, (nuint)i) & Vector128.Create(0x80000000U)) | (Vector128.LoadUnsafe(ref mt, (nuint)(i + 1)) & Vector128.Create(0x7fffffffU));
            var odd = Vector128.ShiftRightArithmetic((y << 31).AsInt32(), 31).AsUInt32();
            (Vector128.LoadUnsafe(ref mt, (nuint)s) ^ (y >>> 1) ^ (odd & Vector128.Create(0x9908b0dfU))).StoreUnsafe(ref mt, (nuint)i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Temper(ref uint mt, ref uint output, int i)
        {
            var y = Vector128.LoadUnsafe(ref mt, (nuint)i);
            y ^= y >>> 11;
            y ^= (y << 7) & Vector128.Create(0x9d2c5680U);
            y ^= (y << 15) & Vector128.Create(0xefc60000U);
            (y ^ (y >>> 18)).StoreUnsafe(ref output, (nuint)i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Pairs<TSink>(ref ulong pairs, ref double destination, int i, TSink sink)
            where TSink : struct, IPairSink =>
            sink.Apply(Pair(Vector128.LoadUnsafe(ref pairs, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
    }

    private readonly struct Lanes256 : ILanes
    {
        public static int Count => Vector256<uint>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Twist(ref uint mt, int i, int s)
        {
            var y = (Vector256.LoadUnsafe(ref mt, (nuint)i) & Vector256.Create(0x80000000U)) | (Vector256.LoadUnsafe(ref mt, (nuint)(i + 1)) & Vector256.Create(0x7fffffffU));
            var odd = Vector256.ShiftRightArithmetic((y << 31).AsInt32(), 31).AsUInt32();
            (Vector256.LoadUnsafe(ref mt, (nuint)s) ^ (y >>> 1) ^ (odd & Vector256.Create(0x9908b0dfU))).StoreUnsafe(ref mt, (nuint)i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Temper(ref uint mt, ref uint output, int i)
        {
            var y = Vector256.LoadUnsafe(ref mt, (nuint)i);
            y ^= y >>> 11;
            y ^= (y << 7) & Vector256.Create(0x9d2c5680U);
            y ^= (y << 15) & Vector256.Create(0xefc60000U);
            (y ^ (y >>> 18)).StoreUnsafe(ref output, (nuint)i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Pairs<TSink>(ref ulong pairs, ref double destination, int i, TSink sink)
            where TSink : struct, IPairSink =>
            sink.Apply(Pair(Vector256.LoadUnsafe(ref pairs, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
    }

    private readonly struct Lanes512 : ILanes
    {
        public static int Count => Vector512<uint>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Twist(ref uint mt, int i, int s)
        {
            var y = (Vector512.LoadUnsafe(ref mt, (nuint)i) & Vector512.Create(0x80000000U)) | (Vector512.LoadUnsafe(ref mt, (nuint)(i + 1)) & Vector512.Create(0x7fffffffU));
            var odd = Vector512.ShiftRightArithmetic((y << 31).AsInt32(), 31).AsUInt32();
            (Vector512.LoadUnsafe(ref mt, (nuint)s) ^ (y >>> 1) ^ (odd & Vector512.Create(0x9908b0dfU))).StoreUnsafe(ref mt, (nuint)i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Temper(ref uint mt, ref uint output, int i)
        {
            var y = Vector512.LoadUnsafe(ref mt, (nuint)i);
            y ^= y >>> 11;
            y ^= (y << 7) & Vector512.Create(0x9d2c5680U);
            y ^= (y << 15) & Vector512.Create(0xefc60000U);
            (y ^ (y >>> 18)).StoreUnsafe(ref output, (nuint)i);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Pairs<TSink>(ref ulong pairs, ref double destination, int i, TSink sink)
            where TSink : struct, IPairSink =>
            sink.Apply(Pair(Vector512.LoadUnsafe(ref pairs, (nuint)i))).StoreUnsafe(ref destination, (nuint)i);
    }
}
