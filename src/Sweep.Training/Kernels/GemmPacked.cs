using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Sweep.Training.Kernels;

/// <summary>
/// The cache-blocked path for large products, after Goto and van de Geijn ("Anatomy of High-Performance Matrix
/// Multiplication", ACM TOMS 2008) as refined by BLIS: the operands are copied ("packed") block by block into
/// contiguous micro-panels in the exact order the micro-kernel reads them, so that every load in the inner loop is
/// sequential whatever the layout (plain or transposed) of the caller's matrices, and the tails are zero-padded so the
/// micro-kernel only ever sees full tiles.
/// </summary>
/// <remarks>
/// Loop nest (MR x NR is the register tile of <see cref="GemmMicroKernel"/>, 8 x 24 with AVX-512):
/// <code>
/// pc: k in blocks of KC      pack A[:, pc..]: all m rows x KC      (read from L2/L3)
///  jc: n in blocks of NC     pack B[pc.., jc..]: KC x NC           (480 KB, stays in the 1 MB L2)
///   ir: m in steps of MR     one A micro-panel, MR x KC            (16 KB, stays in L1 across the jr loop)
///    jr: NC in steps of NR   one B micro-panel streams from L2 into the micro-kernel; the C tile moves along its
///                            MR rows, so C is written sequentially, row by row.
/// </code>
/// When all of A fits in <see cref="ResidentABudget"/> (the weights W in the forward and dA products), A is packed
/// whole up front and the pc and jc loops swap: each m x NC block of C then stays in cache across the depth blocks
/// instead of making one trip to memory per depth block. Either way each element of A and of B is packed exactly
/// once per call. Only the edge tiles (m or n not a multiple of MR or NR) go through a small stack tile.
/// Block sizes were tuned on Zen 5 (48 KB L1d, 1 MB L2); KC in 192..512 and NC in 120..336 measured within noise.
/// </remarks>
internal static unsafe class GemmPacked
{
    /// <summary>Depth of a packed block: a 16 KB A micro-panel for MR = 8 (L1 is 48 KB); C is re-read once per
    /// block, which is cheap next to 2 * MR * NR * KC flops.</summary>
    internal const int DepthBlock = 256;

    /// <summary>Columns of a packed B block: 256 x 240 doubles = 480 KB, half the L2. A multiple of every NR
    /// (24, 12, 6, 3).</summary>
    internal const int ColumnBlock = 240;

    /// <summary>Largest A, in doubles (4 MB, well inside the L3), that is packed whole.</summary>
    internal const long ResidentABudget = 512 * 1024;

    /// <summary>Packing a row-major source prefetches this many source rows ahead (each run is only NC or MR values
    /// long, too short for the hardware prefetcher to ramp up on its own).</summary>
    private const int PrefetchRows = 4;

    /// <summary>Packing a transposed source prefetches this many doubles (8 cache lines) ahead along each row.
    /// Prefetches past the end of a matrix are harmless: a prefetch never faults.</summary>
    private const int PrefetchDepth = 64;

    private const int CacheLineDoubles = 8;

    /// <summary>Packed buffers start on a 64-byte cache line so that no vector load of a micro-panel straddles two
    /// lines.</summary>
    private const int Alignment = 64;

    [ThreadStatic]
    private static double[]? t_packedA;

    [ThreadStatic]
    private static double[]? t_packedB;

    /// <summary>
    /// <c>C[i, j] (+)= sum_p A(i, p) * B(p, j)</c> where <c>A(i, p) = a[i * aRowStride + p * aDepthStride]</c>,
    /// <c>B(p, j) = b[p * bDepthStride + j * bColumnStride]</c> and C is m x n row-major. Requires k &gt; 0.
    /// </summary>
    public static void Run<TLanes, TVec>(
        double* a, nint aRowStride, nint aDepthStride,
        double* b, nint bDepthStride, nint bColumnStride,
        double* c, int m, int k, int n, bool accumulate)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        int mr = TLanes.TileRows;
        int nr = GemmMicroKernel.TileVectors * TLanes.Width;

        // Equal depth blocks (784 = 4 x 196 rather than 3 x 256 + 16) so no block is too thin to pay for its C pass.
        int depthBlocks = (k + DepthBlock - 1) / DepthBlock;
        int kcMax = (k + depthBlocks - 1) / depthBlocks;
        int mPadded = (m + mr - 1) / mr * mr;
        int ncMax = Math.Min(ColumnBlock, (n + nr - 1) / nr * nr);

        // A (the weights, in the forward and dA products) is usually small: then pack all of it once and make the
        // depth loop the inner one, so each m x NC block of C stays in cache across the depth blocks instead of making
        // one trip to memory per depth block. Otherwise (dW: A = dZ, m x examples) pack it one depth block at a time.
        bool packAllOfA = (long)mPadded * k <= ResidentABudget;
        double* tile = stackalloc double[mr * nr];
        fixed (double* rawA = Rent(ref t_packedA, (long)mPadded * (packAllOfA ? k : kcMax)))
        fixed (double* rawB = Rent(ref t_packedB, (long)kcMax * ncMax))
        {
            double* packedA = AlignUp(rawA);
            double* packedB = AlignUp(rawB);
            if (packAllOfA)
            {
                for (int pc = 0; pc < k; pc += kcMax)
                {
                    int kc = Math.Min(kcMax, k - pc);
                    PackA<TLanes, TVec>(a + pc * aDepthStride, aRowStride, aDepthStride, m, kc, packedA + (nint)mPadded * pc);
                }

                for (int jc = 0; jc < n; jc += ncMax)
                {
                    int nc = Math.Min(ncMax, n - jc);
                    for (int pc = 0; pc < k; pc += kcMax)
                    {
                        int kc = Math.Min(kcMax, k - pc);
                        PackB<TLanes, TVec>(b + pc * bDepthStride + jc * bColumnStride, bDepthStride, bColumnStride, kc, nc, packedB);
                        Block<TLanes, TVec>(packedA + (nint)mPadded * pc, packedB, c + jc, n, m, kc, nc, accumulate || pc > 0, tile);
                    }
                }
            }
            else
            {
                for (int pc = 0; pc < k; pc += kcMax)
                {
                    int kc = Math.Min(kcMax, k - pc);
                    PackA<TLanes, TVec>(a + pc * aDepthStride, aRowStride, aDepthStride, m, kc, packedA);
                    for (int jc = 0; jc < n; jc += ncMax)
                    {
                        int nc = Math.Min(ncMax, n - jc);
                        PackB<TLanes, TVec>(b + pc * bDepthStride + jc * bColumnStride, bDepthStride, bColumnStride, kc, nc, packedB);
                        Block<TLanes, TVec>(packedA, packedB, c + jc, n, m, kc, nc, accumulate || pc > 0, tile);
                    }
                }
            }
        }
    }

    /// <summary>The two inner loops: every MR x NR tile of one m x nc block of C from packed A and B blocks.</summary>
    private static void Block<TLanes, TVec>(double* packedA, double* packedB, double* c, nint ldc, int m, int kc, int nc, bool add, double* tile)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        int mr = TLanes.TileRows;
        int w = TLanes.Width;
        int nr = GemmMicroKernel.TileVectors * w;
        for (int ir = 0; ir < m; ir += mr)
        {
            int rows = Math.Min(mr, m - ir);
            double* panelA = packedA + (nint)ir * kc;
            double* cRow = c + ir * ldc;
            for (int jr = 0; jr < nc; jr += nr)
            {
                int columns = Math.Min(nr, nc - jr);
                double* panelB = packedB + (nint)jr * kc;
                if (rows == mr && columns == nr)
                {
                    GemmMicroKernel.Run<TLanes, TVec, Count3>(kc, panelA, panelB, cRow + jr, ldc, add);
                    continue;
                }

                // Edge tile: the padded rows and columns hold zeros (their products are discarded); compute the tile
                // aside, on as few registers across as cover the valid columns, and copy back only the valid part.
                if (columns <= w)
                {
                    GemmMicroKernel.Run<TLanes, TVec, Count1>(kc, panelA, panelB, tile, nr, add: false);
                }
                else if (columns <= 2 * w)
                {
                    GemmMicroKernel.Run<TLanes, TVec, Count2>(kc, panelA, panelB, tile, nr, add: false);
                }
                else
                {
                    GemmMicroKernel.Run<TLanes, TVec, Count3>(kc, panelA, panelB, tile, nr, add: false);
                }

                CopyTile(tile, nr, cRow + jr, ldc, rows, columns, add);
            }
        }
    }

    /// <summary>
    /// Packs A(0..m, 0..kc) into micro-panels of MR rows: panel r0 holds, for each p, the MR values A(r0..r0+MR, p)
    /// contiguously. Rows past m are zero.
    /// </summary>
    private static void PackA<TLanes, TVec>(double* a, nint rowStride, nint depthStride, int m, int kc, double* packed)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct =>
        PackPanels<TLanes, TVec>(a, rowStride, depthStride, m, TLanes.TileRows, kc, packed);

    /// <summary>
    /// Packs B(0..kc, 0..nc) into micro-panels of NR columns: panel j0 holds, for each p, the NR values
    /// B(p, j0..j0+NR) contiguously. Columns past nc are zero.
    /// </summary>
    private static void PackB<TLanes, TVec>(double* b, nint depthStride, nint columnStride, int kc, int nc, double* packed)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct =>
        PackPanels<TLanes, TVec>(b, columnStride, depthStride, nc, GemmMicroKernel.TileVectors * TLanes.Width, kc, packed);

    /// <summary>
    /// <c>packed[(l / width) * width * kc + p * width + l % width] = source[l * laneStride + p * depthStride]</c> for
    /// <c>l &lt; lanes</c> (rows of A or columns of B), <c>p &lt; kc</c>; the lanes that pad the last panel to
    /// <paramref name="width"/> (MR or NR) are zero.
    /// </summary>
    /// <remarks>
    /// Packing reads its source from memory (B, and dZ for dW, are far larger than any cache), and that read is what
    /// packing costs: so the source is walked in long sequential runs, with software prefetches a few runs ahead.
    /// </remarks>
    private static void PackPanels<TLanes, TVec>(double* source, nint laneStride, nint depthStride, int lanes, int width, int kc, double* packed)
        where TLanes : struct, IDoubleLanes<TVec>
        where TVec : struct
    {
        int w = TLanes.Width;
        int fullPanels = lanes / width;
        int lastLanes = lanes - fullPanels * width;
        nint panelSize = (nint)width * kc;
        if (laneStride == 1)
        {
            // Lanes adjacent in memory (B stored plainly, A stored transposed): a plain copy, source row by source
            // row (one sequential run of `lanes` values per step p), dealt out to the panels.
            for (int p = 0; p < kc; p++)
            {
                double* from = source + p * depthStride;
                if (Sse.IsSupported && p + PrefetchRows < kc)
                {
                    double* ahead = from + PrefetchRows * depthStride;
                    for (int l = 0; l < lanes; l += CacheLineDoubles)
                    {
                        Sse.Prefetch0(ahead + l);
                    }
                }

                double* to = packed + p * width;
                for (int panel = 0; panel < fullPanels; panel++, from += width, to += panelSize)
                {
                    for (int l = 0; l < width; l += w)
                    {
                        TLanes.Store(to + l, TLanes.Load(from + l));
                    }
                }

                for (int l = 0; l < lastLanes; l++)
                {
                    to[l] = from[l];
                }
            }
        }
        else if (depthStride == 1)
        {
            // The reduction runs along the source rows (A stored plainly, B stored transposed): a transpose, in
            // Width x Width register blocks. Each block reads one cache line from each of Width source rows and
            // writes Width consecutive panel rows.
            int fullDepth = kc - kc % w;
            for (int panel = 0; panel < fullPanels; panel++)
            {
                double* from = source + panel * width * laneStride;
                double* to = packed + panel * panelSize;
                for (int l0 = 0; l0 < width; l0 += w)
                {
                    for (int p0 = 0; p0 < fullDepth; p0 += w)
                    {
                        double* block = from + l0 * laneStride + p0;
                        if (Sse.IsSupported)
                        {
                            for (int l = 0; l < w; l++)
                            {
                                Sse.Prefetch0(block + l * laneStride + PrefetchDepth);
                            }
                        }

                        TLanes.TransposeBlock(block, laneStride, to + p0 * width + l0, width);
                    }
                }

                TransposeScalar.Block(from + fullDepth, laneStride, to + fullDepth * width, width, width, kc - fullDepth);
            }

            TransposeScalar.Block(
                source + fullPanels * width * laneStride, laneStride, packed + fullPanels * panelSize, width, lastLanes, kc);
        }
        else
        {
            for (int l = 0; l < lanes; l++)
            {
                double* from = source + l * laneStride;
                double* to = packed + (l / width) * panelSize + l % width;
                for (int p = 0; p < kc; p++)
                {
                    to[p * width] = from[p * depthStride];
                }
            }
        }

        if (lastLanes > 0)
        {
            double* to = packed + fullPanels * panelSize;
            for (int p = 0; p < kc; p++)
            {
                for (int l = lastLanes; l < width; l++)
                {
                    to[p * width + l] = 0.0;
                }
            }
        }
    }

    private static void CopyTile(double* tile, int ldt, double* c, nint ldc, int rows, int columns, bool add)
    {
        for (int r = 0; r < rows; r++)
        {
            double* from = tile + r * ldt;
            double* to = c + r * ldc;
            for (int j = 0; j < columns; j++)
            {
                to[j] = add ? to[j] + from[j] : from[j];
            }
        }
    }

    /// <summary>This thread's buffer of at least <paramref name="length"/> aligned doubles, grown (never shrunk) on
    /// demand. Thread-static because trials run side by side, one per thread; pinned so it can be used through a
    /// pointer without moving.</summary>
    private static double[] Rent(ref double[]? buffer, long length)
    {
        long needed = length + Alignment / sizeof(double);
        if (buffer is null || buffer.Length < needed)
        {
            buffer = GC.AllocateUninitializedArray<double>(checked((int)needed), pinned: true);
        }

        return buffer;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double* AlignUp(double* pointer) => (double*)(((nint)pointer + (Alignment - 1)) & ~(nint)(Alignment - 1));
}
