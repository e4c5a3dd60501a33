using System.Globalization;
using System.Text;
using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

// Sylvan's buffer stops at 16K characters unless told otherwise; a wide or long row is data, not an error.
public sealed class CsvRowLengthTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_file_of_5000_columns_is_read_whole()
    {
        const int Features = 5000;
        var text = new StringBuilder();
        text.AppendJoin(',', Enumerable.Range(1, Features).Select(f => "x" + f.ToString(CultureInfo.InvariantCulture))).Append(",y\n");
        for (int row = 0; row < 4; row++)
        {
            text.AppendJoin(',', Enumerable.Range(0, Features).Select(f => (row * 0.5 + f).ToString(CultureInfo.InvariantCulture))).Append(',').Append(row % 2).Append('\n');
        }

        Dataset data = CsvDatasetReader.Read(_folder.Write("wide.csv", text.ToString()));

        Assert.Equal((Features, 4), (data.FeatureCount, data.ExampleCount));
        Assert.Equal(4999.0 + 1.5, data.Features[(Features - 1) * 4 + 3]);
    }

    [Fact]
    public void A_one_megabyte_quoted_cell_is_read_and_refused_as_not_a_number_with_its_place()
    {
        string cell = new('7', 1 << 20);
        string path = _folder.Write("long_cell.csv", $"x1,x2,y\n1,2,0\n3,\"{cell[..500_000]},{cell[500_000..]}\",1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.StartsWith($"{path}, line 3, column 2 (x2): \"7777777777", error.Message, StringComparison.Ordinal);
        Assert.Contains("...\" is not a number", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("MaxBufferSize", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Message.Length, 1, 400);
    }
}
