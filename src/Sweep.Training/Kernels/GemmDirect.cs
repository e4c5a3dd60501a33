using System.Runtime.CompilerServices;

namespace Sweep.Training.Kernels;

/// <summary>
/// Unpacked kernels for small products (the tiny networks: a few thousand multiply-adds per call), where copying the
/// operands into packed panels would cost as much as the product itself. They read the caller's matrices in place,
/// keep a small tile of C in registers across the whole reduction and write it once. <c>(+)=</c> below means
/// <c>+=</c> when accumulating and <c>=</c> (without reading C) otherwise.
/// </summary>
/// <remarks>
/// Tails use one overlapping register instead of a scalar loop: the last, partial register of a row is loaded so that
/// it ends exactly at the row's end, and the lanes already handled are masked off. That needs rows at least one
/// register long, so <see cref="Gemm"/> picks the widest register that fits the row (512, 256, 128 bits, scalar).
/// </remarks>
internal static unsafe class GemmDirect
{
    /// <summary>
    /// <c>C[i, j] = sum_p A(i, p) * B[p * ldb + j]</c> with <c>A(i, p) = a[i * aRowStride + p * aDepthStride]</c>,
    /// each finished register handed to <paramref name="store"/>: outer-product form, registers along the rows of B and
    /// C. Serves <see cref="Gemm.Multiply"/>, <see cref="Gemm.MultiplyTransposedA"/> and the fused layer steps.
    /// Requires <c>n &gt;= Width</c> and <c>k &gt; 0</c>.
    /// </summary>
    public static void Outer<TLanes, TVec, TStore>(
        double* a, nint aRowStride, nint aDepthStride, double* b, nint ldb, int m, int k, int n, in TStore store)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TStore : struct, ITileStore
    {
        // Blocks of four rows; five left over go as 3 + 2 rather than 4 + 1, because a lone row has too few
        // independent accumulators to hide the FMA latency.
        int i = 0;
        for (; m - i != 5 && i + 4 <= m; i += 4)
        {
            OuterRows<TLanes, TVec, Count4, TStore>(a + i * aRowStride, aRowStride, aDepthStride, b, ldb, i, k, n, store);
        }

        if (m - i == 5)
        {
            OuterRows<TLanes, TVec, Count3, TStore>(a + i * aRowStride, aRowStride, aDepthStride, b, ldb, i, k, n, store);
            i += 3;
        }

        double* aRest = a + i * aRowStride;
        switch (m - i)
        {
            case 3:
                OuterRows<TLanes, TVec, Count3, TStore>(aRest, aRowStride, aDepthStride, b, ldb, i, k, n, store);
                break;
            case 2:
                OuterRows<TLanes, TVec, Count2, TStore>(aRest, aRowStride, aDepthStride, b, ldb, i, k, n, store);
                break;
            case 1:
                OuterRows<TLanes, TVec, Count1, TStore>(aRest, aRowStride, aDepthStride, b, ldb, i, k, n, store);
                break;
        }
    }

    /// <summary>
    /// <c>C[i, j] (+)= sum_p A[i * k + p] * B[j * k + p]</c>: dot-product form for <see cref="Gemm.MultiplyTransposedB"/>,
    /// registers along the reduction (both operands are contiguous in p), one horizontal sum per element of C.
    /// Requires <c>k &gt;= Width</c>.
    /// </summary>
    public static void Dot<TLanes, TVec>(double* a, double* b, double* c, int m, int k, int n, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        // Blocks of four rows, five left over as 3 + 2 (as in Outer).
        int i = 0;
        for (; m - i != 5 && i + 4 <= m; i += 4)
        {
            DotRows<TLanes, TVec, Count4>(a + (nint)i * k, b, c + (nint)i * n, k, n, accumulate);
        }

        if (m - i == 5)
        {
            DotRows<TLanes, TVec, Count3>(a + (nint)i * k, b, c + (nint)i * n, k, n, accumulate);
            i += 3;
        }

        double* aRest = a + (nint)i * k;
        double* cRest = c + (nint)i * n;
        switch (m - i)
        {
            case 3:
                DotRows<TLanes, TVec, Count3>(aRest, b, cRest, k, n, accumulate);
                break;
            case 2:
                DotRows<TLanes, TVec, Count2>(aRest, b, cRest, k, n, accumulate);
                break;
            case 1:
                DotRows<TLanes, TVec, Count1>(aRest, b, cRest, k, n, accumulate);
                break;
        }
    }

    private static void OuterRows<TLanes, TVec, TRows, TStore>(
        double* a, nint aRowStride, nint aDepthStride, double* b, nint ldb, int row, int k, int n, in TStore store)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
        where TStore : struct, ITileStore
    {
        int w = TLanes.Width;
        int j = 0;

        // Four registers across (16 accumulators for four rows) where there are 32 registers, two where there are 16.
        if (TLanes.TileRows == 8)
        {
            for (; j + 4 * w <= n; j += 4 * w)
            {
                OuterTile<TLanes, TVec, TRows, Count4, TStore>(a, aRowStride, aDepthStride, b + j, ldb, row, j, n, k, 0, store);
            }
        }

        for (; j + 2 * w <= n; j += 2 * w)
        {
            OuterTile<TLanes, TVec, TRows, Count2, TStore>(a, aRowStride, aDepthStride, b + j, ldb, row, j, n, k, 0, store);
        }

        if (j + w <= n)
        {
            OuterTile<TLanes, TVec, TRows, Count1, TStore>(a, aRowStride, aDepthStride, b + j, ldb, row, j, n, k, 0, store);
            j += w;
        }

        if (j < n)
        {
            // Overlapping last register: columns n-w .. j-1 were already received by the store.
            OuterTile<TLanes, TVec, TRows, Count1, TStore>(a, aRowStride, aDepthStride, b + n - w, ldb, row, n - w, n, k, w - (n - j), store);
        }
    }

    /// <summary>A TRows x TVectors-register tile of C (row stride <paramref name="ldc"/>), rows from
    /// <paramref name="row"/> and columns from <paramref name="column"/>; with <paramref name="firstLane"/> &gt; 0 (one register only) the store is told that
    /// the lanes below firstLane are done already (the overlapping tail register).</summary>
    private static void OuterTile<TLanes, TVec, TRows, TVectors, TStore>(
        double* a, nint aRowStride, nint aDepthStride, double* b, nint ldb, int row, int column, nint ldc, int k, int firstLane, in TStore store)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
        where TVectors : struct, IBlockCount
        where TStore : struct, ITileStore
    {
        int w = TLanes.Width;
        int vectors = TVectors.Value;
        int rows = TRows.Value;
        TVec c00 = TLanes.Zero, c01 = TLanes.Zero, c02 = TLanes.Zero, c03 = TLanes.Zero;
        TVec c10 = TLanes.Zero, c11 = TLanes.Zero, c12 = TLanes.Zero, c13 = TLanes.Zero;
        TVec c20 = TLanes.Zero, c21 = TLanes.Zero, c22 = TLanes.Zero, c23 = TLanes.Zero;
        TVec c30 = TLanes.Zero, c31 = TLanes.Zero, c32 = TLanes.Zero, c33 = TLanes.Zero;
        nint s1 = aRowStride, s2 = 2 * aRowStride, s3 = 3 * aRowStride;
        for (int p = 0; p < k; p++)
        {
            TVec b0 = TLanes.Load(b);
            TVec b1 = vectors >= 2 ? TLanes.Load(b + w) : TLanes.Zero;
            TVec b2 = vectors == 4 ? TLanes.Load(b + 2 * w) : TLanes.Zero;
            TVec b3 = vectors == 4 ? TLanes.Load(b + 3 * w) : TLanes.Zero;
            OuterRowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[0]), b0, b1, b2, b3, ref c00, ref c01, ref c02, ref c03);
            if (rows >= 2)
            {
                OuterRowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[s1]), b0, b1, b2, b3, ref c10, ref c11, ref c12, ref c13);
            }

            if (rows >= 3)
            {
                OuterRowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[s2]), b0, b1, b2, b3, ref c20, ref c21, ref c22, ref c23);
            }

            if (rows == 4)
            {
                OuterRowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[s3]), b0, b1, b2, b3, ref c30, ref c31, ref c32, ref c33);
            }

            a += aDepthStride;
            b += ldb;
        }

        // A local copy, so that the JIT keeps the store's pointers in registers across the vector stores below.
        TStore target = store;
        nint offset = row * ldc + column;
        if (firstLane > 0)
        {
            target.PutTail<TLanes, TVec>(row, offset, c00, firstLane);
            if (rows >= 2)
            {
                target.PutTail<TLanes, TVec>(row + 1, offset + ldc, c10, firstLane);
            }

            if (rows >= 3)
            {
                target.PutTail<TLanes, TVec>(row + 2, offset + 2 * ldc, c20, firstLane);
            }

            if (rows == 4)
            {
                target.PutTail<TLanes, TVec>(row + 3, offset + 3 * ldc, c30, firstLane);
            }

            return;
        }

        PutRow<TLanes, TVec, TVectors, TStore>(target, row, offset, c00, c01, c02, c03);
        if (rows >= 2)
        {
            PutRow<TLanes, TVec, TVectors, TStore>(target, row + 1, offset + ldc, c10, c11, c12, c13);
        }

        if (rows >= 3)
        {
            PutRow<TLanes, TVec, TVectors, TStore>(target, row + 2, offset + 2 * ldc, c20, c21, c22, c23);
        }

        if (rows == 4)
        {
            PutRow<TLanes, TVec, TVectors, TStore>(target, row + 3, offset + 3 * ldc, c30, c31, c32, c33);
        }
    }

    /// <summary>One row of an outer-product tile: <c>c_v += x * b_v</c> for the first TVectors registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OuterRowStep<TLanes, TVec, TVectors>(
        TVec x, TVec b0, TVec b1, TVec b2, TVec b3, ref TVec c0, ref TVec c1, ref TVec c2, ref TVec c3)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TVectors : struct, IBlockCount
    {
        c0 = TLanes.MultiplyAdd(x, b0, c0);
        if (TVectors.Value >= 2)
        {
            c1 = TLanes.MultiplyAdd(x, b1, c1);
        }

        if (TVectors.Value == 4)
        {
            c2 = TLanes.MultiplyAdd(x, b2, c2);
            c3 = TLanes.MultiplyAdd(x, b3, c3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutRow<TLanes, TVec, TVectors, TStore>(in TStore store, nint row, nint offset, TVec v0, TVec v1, TVec v2, TVec v3)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TVectors : struct, IBlockCount
        where TStore : struct, ITileStore
    {
        int w = TLanes.Width;
        store.Put<TLanes, TVec>(row, offset, v0);
        if (TVectors.Value >= 2)
        {
            store.Put<TLanes, TVec>(row, offset + w, v1);
        }

        if (TVectors.Value == 4)
        {
            store.Put<TLanes, TVec>(row, offset + 2 * w, v2);
            store.Put<TLanes, TVec>(row, offset + 3 * w, v3);
        }
    }

    private static void DotRows<TLanes, TVec, TRows>(double* a, double* b, double* c, int k, int n, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
    {
        // Blocks of four columns, five left over as 3 + 2.
        int j = 0;
        for (; n - j != 5 && j + 4 <= n; j += 4)
        {
            DotTile<TLanes, TVec, TRows, Count4>(a, b + (nint)j * k, c + j, k, n, accumulate);
        }

        if (n - j == 5)
        {
            DotTile<TLanes, TVec, TRows, Count3>(a, b + (nint)j * k, c + j, k, n, accumulate);
            j += 3;
        }

        double* bRest = b + (nint)j * k;
        switch (n - j)
        {
            case 3:
                DotTile<TLanes, TVec, TRows, Count3>(a, bRest, c + j, k, n, accumulate);
                break;
            case 2:
                DotTile<TLanes, TVec, TRows, Count2>(a, bRest, c + j, k, n, accumulate);
                break;
            case 1:
                DotTile<TLanes, TVec, TRows, Count1>(a, bRest, c + j, k, n, accumulate);
                break;
        }
    }

    /// <summary>A TRows x TColumns tile of C as dot products of rows of A with rows of B, each accumulated in one
    /// register (up to 16) and summed across lanes at the end.</summary>
    private static void DotTile<TLanes, TVec, TRows, TColumns>(double* a, double* b, double* c, int k, nint ldc, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
        where TColumns : struct, IBlockCount
    {
        int w = TLanes.Width;
        int rows = TRows.Value;
        TVec s00 = TLanes.Zero, s01 = TLanes.Zero, s02 = TLanes.Zero, s03 = TLanes.Zero;
        TVec s10 = TLanes.Zero, s11 = TLanes.Zero, s12 = TLanes.Zero, s13 = TLanes.Zero;
        TVec s20 = TLanes.Zero, s21 = TLanes.Zero, s22 = TLanes.Zero, s23 = TLanes.Zero;
        TVec s30 = TLanes.Zero, s31 = TLanes.Zero, s32 = TLanes.Zero, s33 = TLanes.Zero;
        nint lda = k;
        int p = 0;
        for (; p + w <= k; p += w)
        {
            DotStep<TLanes, TVec, TRows, TColumns>(
                a + p, b + p, lda, TLanes.Zero, false,
                ref s00, ref s01, ref s02, ref s03, ref s10, ref s11, ref s12, ref s13,
                ref s20, ref s21, ref s22, ref s23, ref s30, ref s31, ref s32, ref s33);
        }

        if (p < k)
        {
            // Overlapping last register ending at k; lanes before p were summed already. Both operands are masked,
            // so the overlap contributes exact zeros (masking one side only would turn an earlier infinity into NaN).
            DotStep<TLanes, TVec, TRows, TColumns>(
                a + k - w, b + k - w, lda, TLanes.UpperLanesMask(w - (k - p)), true,
                ref s00, ref s01, ref s02, ref s03, ref s10, ref s11, ref s12, ref s13,
                ref s20, ref s21, ref s22, ref s23, ref s30, ref s31, ref s32, ref s33);
        }

        PutSums<TLanes, TVec, TColumns>(c, s00, s01, s02, s03, accumulate);
        if (rows >= 2)
        {
            PutSums<TLanes, TVec, TColumns>(c + ldc, s10, s11, s12, s13, accumulate);
        }

        if (rows >= 3)
        {
            PutSums<TLanes, TVec, TColumns>(c + 2 * ldc, s20, s21, s22, s23, accumulate);
        }

        if (rows == 4)
        {
            PutSums<TLanes, TVec, TColumns>(c + 3 * ldc, s30, s31, s32, s33, accumulate);
        }
    }

    /// <summary>One row of a dot tile: <c>c[j] (+)= sum of the lanes of s_j</c> for the first TColumns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutSums<TLanes, TVec, TColumns>(double* c, TVec s0, TVec s1, TVec s2, TVec s3, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TColumns : struct, IBlockCount
    {
        if (TColumns.Value == 4)
        {
            TLanes.StoreSums(s0, s1, s2, s3, c, accumulate);
            return;
        }

        PutSum<TLanes, TVec>(c, s0, accumulate);
        if (TColumns.Value >= 2)
        {
            PutSum<TLanes, TVec>(c + 1, s1, accumulate);
        }

        if (TColumns.Value >= 3)
        {
            PutSum<TLanes, TVec>(c + 2, s2, accumulate);
        }
    }

    /// <summary>One register step of a dot tile: loads TRows registers of A and TColumns of B (one row stride
    /// <paramref name="ld"/> apart) and does every pairwise FMA.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotStep<TLanes, TVec, TRows, TColumns>(
        double* a, double* b, nint ld, TVec mask, bool masked,
        ref TVec s00, ref TVec s01, ref TVec s02, ref TVec s03, ref TVec s10, ref TVec s11, ref TVec s12, ref TVec s13,
        ref TVec s20, ref TVec s21, ref TVec s22, ref TVec s23, ref TVec s30, ref TVec s31, ref TVec s32, ref TVec s33)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
        where TColumns : struct, IBlockCount
    {
        int rows = TRows.Value;
        int columns = TColumns.Value;
        TVec a0 = LoadMaybeMasked<TLanes, TVec>(a, mask, masked);
        TVec a1 = rows >= 2 ? LoadMaybeMasked<TLanes, TVec>(a + ld, mask, masked) : TLanes.Zero;
        TVec a2 = rows >= 3 ? LoadMaybeMasked<TLanes, TVec>(a + 2 * ld, mask, masked) : TLanes.Zero;
        TVec a3 = rows == 4 ? LoadMaybeMasked<TLanes, TVec>(a + 3 * ld, mask, masked) : TLanes.Zero;

        DotColumnStep<TLanes, TVec, TRows>(LoadMaybeMasked<TLanes, TVec>(b, mask, masked), a0, a1, a2, a3, ref s00, ref s10, ref s20, ref s30);
        if (columns >= 2)
        {
            DotColumnStep<TLanes, TVec, TRows>(LoadMaybeMasked<TLanes, TVec>(b + ld, mask, masked), a0, a1, a2, a3, ref s01, ref s11, ref s21, ref s31);
        }

        if (columns >= 3)
        {
            DotColumnStep<TLanes, TVec, TRows>(LoadMaybeMasked<TLanes, TVec>(b + 2 * ld, mask, masked), a0, a1, a2, a3, ref s02, ref s12, ref s22, ref s32);
        }

        if (columns == 4)
        {
            DotColumnStep<TLanes, TVec, TRows>(LoadMaybeMasked<TLanes, TVec>(b + 3 * ld, mask, masked), a0, a1, a2, a3, ref s03, ref s13, ref s23, ref s33);
        }
    }

    /// <summary>One column of a dot step: <c>s_r += a_r * x</c> for the first TRows rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void DotColumnStep<TLanes, TVec, TRows>(
        TVec x, TVec a0, TVec a1, TVec a2, TVec a3, ref TVec s0, ref TVec s1, ref TVec s2, ref TVec s3)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
    {
        s0 = TLanes.MultiplyAdd(a0, x, s0);
        if (TRows.Value >= 2)
        {
            s1 = TLanes.MultiplyAdd(a1, x, s1);
        }

        if (TRows.Value >= 3)
        {
            s2 = TLanes.MultiplyAdd(a2, x, s2);
        }

        if (TRows.Value == 4)
        {
            s3 = TLanes.MultiplyAdd(a3, x, s3);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LoadMaybeMasked<TLanes, TVec>(double* source, TVec mask, bool masked)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct =>
        masked ? TLanes.And(TLanes.Load(source), mask) : TLanes.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutSum<TLanes, TVec>(double* c, TVec value, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        double sum = TLanes.Sum(value);
        *c = accumulate ? *c + sum : sum;
    }
}
