using System.Runtime.CompilerServices;

namespace Sweep.Training.Kernels;

/// <summary>
/// What the unpacked outer-product kernel does with a finished register of C = op(A) * op(B). Besides storing it,
/// a layer's elementwise step can run here while the value is still in a register (an epilogue), which saves the
/// passes over memory that a separate bias, activation or mask step would make: for the small networks, those passes
/// cost more than the product.
/// </summary>
internal unsafe interface ITileStore
{
    /// <summary>Receives <c>C[row, column .. column + Width)</c>, which starts <paramref name="offset"/> elements
    /// into C (<c>row * n + column</c>).</summary>
    void Put<TLanes, TVec>(nint row, nint offset, TVec value)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct;

    /// <summary>
    /// The overlapping last register of a row, starting <paramref name="offset"/> elements into C, whose lanes below
    /// <paramref name="firstLane"/> were already received in an earlier register. A store that overwrites C and
    /// computes each element from that element's inputs alone may write the whole register: the kernel repeats the
    /// same multiply-adds in the same order for those lanes, so they get the very same values again.
    /// </summary>
    void PutTail<TLanes, TVec>(nint row, nint offset, TVec value, int firstLane)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct;
}

/// <summary><c>C (+)= value</c>: the plain product.</summary>
internal readonly unsafe struct PlainStore(double* c, bool accumulate) : ITileStore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put<TLanes, TVec>(nint row, nint offset, TVec value)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        double* target = c + offset;
        TLanes.Store(target, accumulate ? TLanes.Add(TLanes.Load(target), value) : value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PutTail<TLanes, TVec>(nint row, nint offset, TVec value, int firstLane)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        // Accumulating twice into the lanes already done would count them twice: those lanes keep their value.
        double* target = c + offset;
        TVec old = TLanes.Load(target);
        TVec fresh = accumulate ? TLanes.Add(old, value) : value;
        TLanes.Store(target, TLanes.Select(TLanes.UpperLanesMask(firstLane), fresh, old));
    }
}

/// <summary><c>Z = W A + b</c>: the bias of each row added as the product is stored (a layer's logits).</summary>
internal readonly unsafe struct BiasStore(double* z, double* bias) : ITileStore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put<TLanes, TVec>(nint row, nint offset, TVec value)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct =>
        TLanes.Store(z + offset, TLanes.Add(value, TLanes.Broadcast(bias[row])));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PutTail<TLanes, TVec>(nint row, nint offset, TVec value, int firstLane)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct =>
        Put<TLanes, TVec>(row, offset, value);
}

/// <summary>
/// A ReLU layer's forward step: <c>Z = W A + b</c> and <c>A' = max(Z, 0)</c>, times the inverted-dropout mask
/// (0 or 1/keep_prob) when <paramref name="mask"/> is not null. NaN in Z stays NaN in A', as in <c>Math.Max</c>.
/// Z is stored only when <paramref name="z"/> is not null.
/// </summary>
internal readonly unsafe struct BiasReluStore(double* z, double* activations, double* mask, double* bias) : ITileStore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put<TLanes, TVec>(nint row, nint offset, TVec value)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        TVec logits = TLanes.Add(value, TLanes.Broadcast(bias[row]));
        if (z != null)
        {
            TLanes.Store(z + offset, logits);
        }

        TVec activated = TLanes.Relu(logits);
        TLanes.Store(activations + offset, mask == null ? activated : TLanes.Multiply(activated, TLanes.Load(mask + offset)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PutTail<TLanes, TVec>(nint row, nint offset, TVec value, int firstLane)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct =>
        Put<TLanes, TVec>(row, offset, value);
}

/// <summary>
/// A ReLU layer's backward step: <c>dZ = dA * scale</c> where the layer's output A' is positive, 0 elsewhere. Under
/// inverted dropout A' is positive exactly where Z was and the unit was kept, where the mask holds
/// <c>scale = 1/keep_prob</c>: this is <c>dA * mask * g'(Z)</c> without reading the mask or Z (scale 1 without dropout).
/// </summary>
internal readonly unsafe struct ReluGateStore(double* dz, double* activations, double scale) : ITileStore
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Put<TLanes, TVec>(nint row, nint offset, TVec value)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        TVec positive = TLanes.GreaterThanZero(TLanes.Load(activations + offset));
        TLanes.Store(dz + offset, TLanes.Select(positive, TLanes.Multiply(value, TLanes.Broadcast(scale)), TLanes.Zero));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void PutTail<TLanes, TVec>(nint row, nint offset, TVec value, int firstLane)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct =>
        Put<TLanes, TVec>(row, offset, value);
}
