using Sweep.Training.Networks;

namespace Sweep.Training.Tests.Networks;

public class StaggeredBuffersTests
{
    [Fact]
    public void Buffers_start_on_cache_lines_never_a_multiple_of_4_KB_apart_and_do_not_overlap()
    {
        var layout = new StaggeredBuffers();
        int[] lengths = [4220, 4220, 4220, 633, 633, 633, 211, 211, 211, 1, 512, 4096, 7, 20000, 3];
        foreach (int length in lengths)
        {
            layout.Reserve(length);
        }

        ArraySegment<double>[] buffers = layout.Allocate();

        Assert.Equal(lengths, buffers.Select(b => b.Count));
        Assert.Single(buffers.Select(b => b.Array).Distinct());
        Assert.All(buffers, b => Assert.Equal(0, b.Offset % 8));
        for (int i = 0; i < buffers.Length; i++)
        {
            for (int j = i + 1; j < buffers.Length; j++)
            {
                Assert.True(buffers[i].Offset + buffers[i].Count <= buffers[j].Offset, $"buffers {i} and {j} overlap");
                Assert.NotEqual(0, (buffers[j].Offset - buffers[i].Offset) % 512);
            }
        }
    }
}
