using System.Runtime.CompilerServices;

namespace Sweep.Training.Kernels;

/// <summary>
/// Unpacked kernels for small products (the tiny networks: a few thousand multiply-adds per call), where copying the
/// operands into packed panels would cost as much as the product itself. They read the caller's matrices in place,
/// keep a small tile of C in registers across the whole reduction and write it once.
/// </summary>
/// <remarks>
/// Tails use one overlapping register instead of a scalar loop: the last, partial register of a row is loaded so that
/// it ends exactly at the row's end, and the lanes already handled are masked off. That needs rows at least one
/// register long, so <see cref="Gemm"/> picks the widest register that fits the row (512, 256, 128 bits, scalar).
/// </remarks>
internal static unsafe class GemmDirect
{
    /// <summary>
    /// <c>C[i, j] (+)= sum_p A(i, p) * B[p * ldb + j]</c> with <c>A(i, p) = a[i * aRowStride + p * aDepthStride]</c>:
    /// outer-product form, registers along the rows of B and C. Serves <see cref="Gemm.Multiply"/> and
    /// <see cref="Gemm.MultiplyTransposedA"/>. Requires <c>n &gt;= Width</c> and <c>k &gt; 0</c>.
    /// </summary>
    public static void Outer<TLanes, TVec>(
        double* a, nint aRowStride, nint aDepthStride, double* b, nint ldb, double* c, int m, int k, int n, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            OuterRows<TLanes, TVec, Count4>(a + i * aRowStride, aRowStride, aDepthStride, b, ldb, c + (nint)i * n, k, n, accumulate);
        }

        if (i + 2 <= m)
        {
            OuterRows<TLanes, TVec, Count2>(a + i * aRowStride, aRowStride, aDepthStride, b, ldb, c + (nint)i * n, k, n, accumulate);
            i += 2;
        }

        if (i < m)
        {
            OuterRows<TLanes, TVec, Count1>(a + i * aRowStride, aRowStride, aDepthStride, b, ldb, c + (nint)i * n, k, n, accumulate);
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
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            DotRows<TLanes, TVec, Count4>(a + (nint)i * k, b, c + (nint)i * n, k, n, accumulate);
        }

        if (i + 2 <= m)
        {
            DotRows<TLanes, TVec, Count2>(a + (nint)i * k, b, c + (nint)i * n, k, n, accumulate);
            i += 2;
        }

        if (i < m)
        {
            DotRows<TLanes, TVec, Count1>(a + (nint)i * k, b, c + (nint)i * n, k, n, accumulate);
        }
    }

    private static void OuterRows<TLanes, TVec, TRows>(
        double* a, nint aRowStride, nint aDepthStride, double* b, nint ldb, double* c, int k, int n, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
    {
        int w = TLanes.Width;
        int j = 0;
        for (; j + 2 * w <= n; j += 2 * w)
        {
            OuterTile<TLanes, TVec, TRows, Count2>(a, aRowStride, aDepthStride, b + j, ldb, c + j, n, k, accumulate, 0);
        }

        if (j + w <= n)
        {
            OuterTile<TLanes, TVec, TRows, Count1>(a, aRowStride, aDepthStride, b + j, ldb, c + j, n, k, accumulate, 0);
            j += w;
        }

        if (j < n)
        {
            // Overlapping last register: columns n-w .. j-1 are already final and are kept by the lane mask.
            OuterTile<TLanes, TVec, TRows, Count1>(a, aRowStride, aDepthStride, b + n - w, ldb, c + n - w, n, k, accumulate, w - (n - j));
        }
    }

    /// <summary>A TRows x TVectors-register tile of C; with <paramref name="firstLane"/> &gt; 0 only lanes from
    /// firstLane on are written (the overlapping tail register).</summary>
    private static void OuterTile<TLanes, TVec, TRows, TVectors>(
        double* a, nint aRowStride, nint aDepthStride, double* b, nint ldb, double* c, nint ldc, int k, bool accumulate, int firstLane)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
        where TVectors : struct, IBlockCount
    {
        int w = TLanes.Width;
        bool twoVectors = TVectors.Value == 2;
        TVec c00 = TLanes.Zero, c01 = TLanes.Zero;
        TVec c10 = TLanes.Zero, c11 = TLanes.Zero;
        TVec c20 = TLanes.Zero, c21 = TLanes.Zero;
        TVec c30 = TLanes.Zero, c31 = TLanes.Zero;
        nint s1 = aRowStride, s2 = 2 * aRowStride, s3 = 3 * aRowStride;
        for (int p = 0; p < k; p++)
        {
            TVec b0 = TLanes.Load(b);
            TVec b1 = twoVectors ? TLanes.Load(b + w) : TLanes.Zero;
            TVec x = TLanes.Broadcast(a[0]);
            c00 = TLanes.MultiplyAdd(x, b0, c00);
            if (twoVectors)
            {
                c01 = TLanes.MultiplyAdd(x, b1, c01);
            }

            if (TRows.Value >= 2)
            {
                x = TLanes.Broadcast(a[s1]);
                c10 = TLanes.MultiplyAdd(x, b0, c10);
                if (twoVectors)
                {
                    c11 = TLanes.MultiplyAdd(x, b1, c11);
                }
            }

            if (TRows.Value == 4)
            {
                x = TLanes.Broadcast(a[s2]);
                c20 = TLanes.MultiplyAdd(x, b0, c20);
                if (twoVectors)
                {
                    c21 = TLanes.MultiplyAdd(x, b1, c21);
                }

                x = TLanes.Broadcast(a[s3]);
                c30 = TLanes.MultiplyAdd(x, b0, c30);
                if (twoVectors)
                {
                    c31 = TLanes.MultiplyAdd(x, b1, c31);
                }
            }

            a += aDepthStride;
            b += ldb;
        }

        if (firstLane > 0)
        {
            TVec keep = TLanes.UpperLanesMask(firstLane);
            PutMasked<TLanes, TVec>(c, c00, accumulate, keep);
            if (TRows.Value >= 2)
            {
                PutMasked<TLanes, TVec>(c + ldc, c10, accumulate, keep);
            }

            if (TRows.Value == 4)
            {
                PutMasked<TLanes, TVec>(c + 2 * ldc, c20, accumulate, keep);
                PutMasked<TLanes, TVec>(c + 3 * ldc, c30, accumulate, keep);
            }

            return;
        }

        Put<TLanes, TVec>(c, c00, accumulate);
        if (twoVectors)
        {
            Put<TLanes, TVec>(c + w, c01, accumulate);
        }

        if (TRows.Value >= 2)
        {
            Put<TLanes, TVec>(c + ldc, c10, accumulate);
            if (twoVectors)
            {
                Put<TLanes, TVec>(c + ldc + w, c11, accumulate);
            }
        }

        if (TRows.Value == 4)
        {
            Put<TLanes, TVec>(c + 2 * ldc, c20, accumulate);
            Put<TLanes, TVec>(c + 3 * ldc, c30, accumulate);
            if (twoVectors)
            {
                Put<TLanes, TVec>(c + 2 * ldc + w, c21, accumulate);
                Put<TLanes, TVec>(c + 3 * ldc + w, c31, accumulate);
            }
        }
    }

    private static void DotRows<TLanes, TVec, TRows>(double* a, double* b, double* c, int k, int n, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TRows : struct, IBlockCount
    {
        int j = 0;
        for (; j + 4 <= n; j += 4)
        {
            DotTile<TLanes, TVec, TRows, Count4>(a, b + (nint)j * k, c + j, k, n, accumulate);
        }

        if (j + 2 <= n)
        {
            DotTile<TLanes, TVec, TRows, Count2>(a, b + (nint)j * k, c + j, k, n, accumulate);
            j += 2;
        }

        if (j < n)
        {
            DotTile<TLanes, TVec, TRows, Count1>(a, b + (nint)j * k, c + j, k, n, accumulate);
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
        int columns = TColumns.Value;
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

        PutSum<TLanes, TVec>(c, s00, accumulate);
        if (columns >= 2)
        {
            PutSum<TLanes, TVec>(c + 1, s01, accumulate);
        }

        if (columns == 4)
        {
            PutSum<TLanes, TVec>(c + 2, s02, accumulate);
            PutSum<TLanes, TVec>(c + 3, s03, accumulate);
        }

        if (rows >= 2)
        {
            double* c1 = c + ldc;
            PutSum<TLanes, TVec>(c1, s10, accumulate);
            if (columns >= 2)
            {
                PutSum<TLanes, TVec>(c1 + 1, s11, accumulate);
            }

            if (columns == 4)
            {
                PutSum<TLanes, TVec>(c1 + 2, s12, accumulate);
                PutSum<TLanes, TVec>(c1 + 3, s13, accumulate);
            }
        }

        if (rows == 4)
        {
            double* c2 = c + 2 * ldc;
            double* c3 = c + 3 * ldc;
            PutSum<TLanes, TVec>(c2, s20, accumulate);
            PutSum<TLanes, TVec>(c3, s30, accumulate);
            if (columns >= 2)
            {
                PutSum<TLanes, TVec>(c2 + 1, s21, accumulate);
                PutSum<TLanes, TVec>(c3 + 1, s31, accumulate);
            }

            if (columns == 4)
            {
                PutSum<TLanes, TVec>(c2 + 2, s22, accumulate);
                PutSum<TLanes, TVec>(c2 + 3, s23, accumulate);
                PutSum<TLanes, TVec>(c3 + 2, s32, accumulate);
                PutSum<TLanes, TVec>(c3 + 3, s33, accumulate);
            }
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
        TVec a2 = rows == 4 ? LoadMaybeMasked<TLanes, TVec>(a + 2 * ld, mask, masked) : TLanes.Zero;
        TVec a3 = rows == 4 ? LoadMaybeMasked<TLanes, TVec>(a + 3 * ld, mask, masked) : TLanes.Zero;

        TVec x = LoadMaybeMasked<TLanes, TVec>(b, mask, masked);
        s00 = TLanes.MultiplyAdd(a0, x, s00);
        if (rows >= 2)
        {
            s10 = TLanes.MultiplyAdd(a1, x, s10);
        }

        if (rows == 4)
        {
            s20 = TLanes.MultiplyAdd(a2, x, s20);
            s30 = TLanes.MultiplyAdd(a3, x, s30);
        }

        if (columns >= 2)
        {
            x = LoadMaybeMasked<TLanes, TVec>(b + ld, mask, masked);
            s01 = TLanes.MultiplyAdd(a0, x, s01);
            if (rows >= 2)
            {
                s11 = TLanes.MultiplyAdd(a1, x, s11);
            }

            if (rows == 4)
            {
                s21 = TLanes.MultiplyAdd(a2, x, s21);
                s31 = TLanes.MultiplyAdd(a3, x, s31);
            }
        }

        if (columns == 4)
        {
            x = LoadMaybeMasked<TLanes, TVec>(b + 2 * ld, mask, masked);
            s02 = TLanes.MultiplyAdd(a0, x, s02);
            if (rows >= 2)
            {
                s12 = TLanes.MultiplyAdd(a1, x, s12);
            }

            if (rows == 4)
            {
                s22 = TLanes.MultiplyAdd(a2, x, s22);
                s32 = TLanes.MultiplyAdd(a3, x, s32);
            }

            x = LoadMaybeMasked<TLanes, TVec>(b + 3 * ld, mask, masked);
            s03 = TLanes.MultiplyAdd(a0, x, s03);
            if (rows >= 2)
            {
                s13 = TLanes.MultiplyAdd(a1, x, s13);
            }

            if (rows == 4)
            {
                s23 = TLanes.MultiplyAdd(a2, x, s23);
                s33 = TLanes.MultiplyAdd(a3, x, s33);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVec LoadMaybeMasked<TLanes, TVec>(double* source, TVec mask, bool masked)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct =>
        masked ? TLanes.And(TLanes.Load(source), mask) : TLanes.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TLanes, TVec>(double* c, TVec value, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        if (accumulate)
        {
            value = TLanes.Add(TLanes.Load(c), value);
        }

        TLanes.Store(c, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutMasked<TLanes, TVec>(double* c, TVec value, bool accumulate, TVec keep)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        TVec old = TLanes.Load(c);
        TVec fresh = accumulate ? TLanes.Add(old, value) : value;
        TLanes.Store(c, TLanes.Select(keep, fresh, old));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutSum<TLanes, TVec>(double* c, TVec value, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        double sum = TLanes.Sum(value);
        *c = accumulate ? *c + sum : sum;
    }
}
