using System.Runtime.CompilerServices;

namespace Sweep.Training.Kernels;

/// <summary>
/// The register-blocked inner kernel of the packed path: one MR x NR tile of C (MR = <c>TileRows</c>, NR = three
/// registers) from one packed micro-panel of A and one of B. This is the micro-kernel of the BLIS design
/// (Van Zee and van de Geijn, "BLIS: A Framework for Rapidly Instantiating BLAS Functionality", ACM TOMS 2015),
/// transposed for row-major C: the register (vector) direction runs along the columns of C, which are contiguous,
/// and A supplies one broadcast scalar per row.
/// </summary>
internal static unsafe class GemmMicroKernel
{
    /// <summary>Registers across one tile row: NR = 3 * Width (24 columns with AVX-512).</summary>
    public const int TileVectors = 3;

    /// <summary>
    /// <c>C[r, j] (+)= sum_p a[p * MR + r] * b[p * NR + j]</c> for the MR x (TVectors * Width) tile
    /// (<c>(+)=</c>: added to C when <paramref name="add"/>, else stored without reading C).
    /// Each step p is a rank-1 update: three loads of B, MR broadcasts of A and 3 * MR independent FMAs, enough
    /// independent accumulators to cover the FMA latency on both FMA pipes, all held in registers across the k loop;
    /// C is touched only once, at the end.
    /// </summary>
    /// <param name="kc">Steps of the reduction (may be any positive count: no k tail exists in packed form).</param>
    /// <param name="a">Packed A micro-panel, MR values per step.</param>
    /// <param name="b">Packed B micro-panel, NR values per step.</param>
    /// <param name="c">Top-left element of the C tile.</param>
    /// <param name="ldc">Distance between rows of C.</param>
    /// <param name="add">Add to C (true) or overwrite it without reading it (false).</param>
    /// <typeparam name="TVectors">Registers of B actually used, 1 to 3: the last column panel of a product whose n
    /// leaves a remainder of one or two registers runs on a narrower tile instead of multiplying zero padding.</typeparam>
    public static void Run<TLanes, TVec, TVectors>(int kc, double* a, double* b, double* c, nint ldc, bool add)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TVectors : struct, IBlockCount
    {
        int w = TLanes.Width;
        int mr = TLanes.TileRows;
        bool eightRows = TLanes.TileRows == 8;
        TVec c00 = TLanes.Zero, c01 = TLanes.Zero, c02 = TLanes.Zero;
        TVec c10 = TLanes.Zero, c11 = TLanes.Zero, c12 = TLanes.Zero;
        TVec c20 = TLanes.Zero, c21 = TLanes.Zero, c22 = TLanes.Zero;
        TVec c30 = TLanes.Zero, c31 = TLanes.Zero, c32 = TLanes.Zero;
        TVec c40 = TLanes.Zero, c41 = TLanes.Zero, c42 = TLanes.Zero;
        TVec c50 = TLanes.Zero, c51 = TLanes.Zero, c52 = TLanes.Zero;
        TVec c60 = TLanes.Zero, c61 = TLanes.Zero, c62 = TLanes.Zero;
        TVec c70 = TLanes.Zero, c71 = TLanes.Zero, c72 = TLanes.Zero;

        for (int p = 0; p < kc; p++)
        {
            TVec b0 = TLanes.Load(b);
            TVec b1 = TVectors.Value >= 2 ? TLanes.Load(b + w) : TLanes.Zero;
            TVec b2 = TVectors.Value == 3 ? TLanes.Load(b + 2 * w) : TLanes.Zero;

            RowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[0]), b0, b1, b2, ref c00, ref c01, ref c02);
            RowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[1]), b0, b1, b2, ref c10, ref c11, ref c12);
            RowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[2]), b0, b1, b2, ref c20, ref c21, ref c22);
            RowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[3]), b0, b1, b2, ref c30, ref c31, ref c32);
            if (eightRows)
            {
                RowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[4]), b0, b1, b2, ref c40, ref c41, ref c42);
                RowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[5]), b0, b1, b2, ref c50, ref c51, ref c52);
                RowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[6]), b0, b1, b2, ref c60, ref c61, ref c62);
                RowStep<TLanes, TVec, TVectors>(TLanes.Broadcast(a[7]), b0, b1, b2, ref c70, ref c71, ref c72);
            }

            a += mr;
            b += TileVectors * w;
        }

        PutRow<TLanes, TVec, TVectors>(c, w, c00, c01, c02, add);
        PutRow<TLanes, TVec, TVectors>(c + ldc, w, c10, c11, c12, add);
        PutRow<TLanes, TVec, TVectors>(c + 2 * ldc, w, c20, c21, c22, add);
        PutRow<TLanes, TVec, TVectors>(c + 3 * ldc, w, c30, c31, c32, add);
        if (eightRows)
        {
            PutRow<TLanes, TVec, TVectors>(c + 4 * ldc, w, c40, c41, c42, add);
            PutRow<TLanes, TVec, TVectors>(c + 5 * ldc, w, c50, c51, c52, add);
            PutRow<TLanes, TVec, TVectors>(c + 6 * ldc, w, c60, c61, c62, add);
            PutRow<TLanes, TVec, TVectors>(c + 7 * ldc, w, c70, c71, c72, add);
        }
    }

    /// <summary>One row of a rank-1 update: <c>c_v += x * b_v</c> for the first TVectors registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowStep<TLanes, TVec, TVectors>(TVec x, TVec b0, TVec b1, TVec b2, ref TVec c0, ref TVec c1, ref TVec c2)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TVectors : struct, IBlockCount
    {
        c0 = TLanes.MultiplyAdd(x, b0, c0);
        if (TVectors.Value >= 2)
        {
            c1 = TLanes.MultiplyAdd(x, b1, c1);
        }

        if (TVectors.Value == 3)
        {
            c2 = TLanes.MultiplyAdd(x, b2, c2);
        }
    }

    /// <summary>One tile row: the first TVectors registers stored, added to C first when <paramref name="add"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutRow<TLanes, TVec, TVectors>(double* c, int w, TVec v0, TVec v1, TVec v2, bool add)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
        where TVectors : struct, IBlockCount
    {
        Put<TLanes, TVec>(c, v0, add);
        if (TVectors.Value >= 2)
        {
            Put<TLanes, TVec>(c + w, v1, add);
        }

        if (TVectors.Value == 3)
        {
            Put<TLanes, TVec>(c + 2 * w, v2, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put<TLanes, TVec>(double* c, TVec value, bool add)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        if (add)
        {
            value = TLanes.Add(TLanes.Load(c), value);
        }

        TLanes.Store(c, value);
    }
}
