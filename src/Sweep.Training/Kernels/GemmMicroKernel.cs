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
    /// <c>C[r, j] (+)= sum_p a[p * MR + r] * b[p * NR + j]</c> for the whole MR x NR tile.
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
    public static void Run<TLanes, TVec>(int kc, double* a, double* b, double* c, nint ldc, bool add)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
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
            TVec b1 = TLanes.Load(b + w);
            TVec b2 = TLanes.Load(b + 2 * w);

            TVec x = TLanes.Broadcast(a[0]);
            c00 = TLanes.MultiplyAdd(x, b0, c00);
            c01 = TLanes.MultiplyAdd(x, b1, c01);
            c02 = TLanes.MultiplyAdd(x, b2, c02);
            x = TLanes.Broadcast(a[1]);
            c10 = TLanes.MultiplyAdd(x, b0, c10);
            c11 = TLanes.MultiplyAdd(x, b1, c11);
            c12 = TLanes.MultiplyAdd(x, b2, c12);
            x = TLanes.Broadcast(a[2]);
            c20 = TLanes.MultiplyAdd(x, b0, c20);
            c21 = TLanes.MultiplyAdd(x, b1, c21);
            c22 = TLanes.MultiplyAdd(x, b2, c22);
            x = TLanes.Broadcast(a[3]);
            c30 = TLanes.MultiplyAdd(x, b0, c30);
            c31 = TLanes.MultiplyAdd(x, b1, c31);
            c32 = TLanes.MultiplyAdd(x, b2, c32);
            if (eightRows)
            {
                x = TLanes.Broadcast(a[4]);
                c40 = TLanes.MultiplyAdd(x, b0, c40);
                c41 = TLanes.MultiplyAdd(x, b1, c41);
                c42 = TLanes.MultiplyAdd(x, b2, c42);
                x = TLanes.Broadcast(a[5]);
                c50 = TLanes.MultiplyAdd(x, b0, c50);
                c51 = TLanes.MultiplyAdd(x, b1, c51);
                c52 = TLanes.MultiplyAdd(x, b2, c52);
                x = TLanes.Broadcast(a[6]);
                c60 = TLanes.MultiplyAdd(x, b0, c60);
                c61 = TLanes.MultiplyAdd(x, b1, c61);
                c62 = TLanes.MultiplyAdd(x, b2, c62);
                x = TLanes.Broadcast(a[7]);
                c70 = TLanes.MultiplyAdd(x, b0, c70);
                c71 = TLanes.MultiplyAdd(x, b1, c71);
                c72 = TLanes.MultiplyAdd(x, b2, c72);
            }

            a += mr;
            b += TileVectors * w;
        }

        PutRow<TLanes, TVec>(c, w, c00, c01, c02, add);
        PutRow<TLanes, TVec>(c + ldc, w, c10, c11, c12, add);
        PutRow<TLanes, TVec>(c + 2 * ldc, w, c20, c21, c22, add);
        PutRow<TLanes, TVec>(c + 3 * ldc, w, c30, c31, c32, add);
        if (eightRows)
        {
            PutRow<TLanes, TVec>(c + 4 * ldc, w, c40, c41, c42, add);
            PutRow<TLanes, TVec>(c + 5 * ldc, w, c50, c51, c52, add);
            PutRow<TLanes, TVec>(c + 6 * ldc, w, c60, c61, c62, add);
            PutRow<TLanes, TVec>(c + 7 * ldc, w, c70, c71, c72, add);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PutRow<TLanes, TVec>(double* c, int w, TVec v0, TVec v1, TVec v2, bool add)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        if (add)
        {
            v0 = TLanes.Add(TLanes.Load(c), v0);
            v1 = TLanes.Add(TLanes.Load(c + w), v1);
            v2 = TLanes.Add(TLanes.Load(c + 2 * w), v2);
        }

        TLanes.Store(c, v0);
        TLanes.Store(c + w, v1);
        TLanes.Store(c + 2 * w, v2);
    }
}
