using Sweep.Training.Data;
using Sweep.Training.Normalization;

namespace Sweep.Training.Tests.Data;

// Cells of 1e308 made the z-score mean or variance infinite, so every normalized value became NaN at run time.
public sealed class NormalizationOverflowTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_column_whose_mean_would_overflow_is_refused_at_its_largest_cell()
    {
        string path = _folder.Write("huge.csv", "x1,x2,y\n1,1e308,0\n2,1.5e308,1\n3,1e308,0\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Equal(
            $"{path}, line 3, column 2 (x2): 1.5E+308 is too large to normalize: over 3 rows the column's mean or variance would overflow "
            + "(values must stay below 3.87E+153 in magnitude); rescale the column, for example divide it by a power of ten",
            error.Message);
        Assert.Equal((3, "2 (x2)"), (error.LineNumber, error.Column));
    }

    [Fact]
    public void A_column_of_subnormal_values_whose_variance_would_vanish_is_refused()
    {
        string path = _folder.Write("tiny.csv", "x1,x2,y\n1,1e-320,0\n2,3e-320,1\n3,2e-320,0\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("too small to normalize", error.Message, StringComparison.Ordinal);
        Assert.Equal((3, "2 (x2)"), (error.LineNumber, error.Column));
    }

    [Fact]
    public void A_column_of_zeros_is_not_too_small()
    {
        string path = _folder.Write("zeros.csv", "x1,x2,y\n1,0,0\n2,0,1\n3,0,0\n");

        Assert.Equal(3, CsvDatasetReader.Read(path).ExampleCount);
    }

    [Fact]
    public void A_column_whose_variance_would_overflow_is_refused()
    {
        string path = _folder.Write("wide.csv", "x1,y\n-1e200,0\n1e200,1\n");

        var error = Assert.Throws<DatasetException>(() => CsvDatasetReader.Read(path));

        Assert.Contains("line 2, column 1 (x1): -1E+200 is too large to normalize", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Large_values_within_the_bound_normalize_to_finite_numbers()
    {
        Dataset data = CsvDatasetReader.Read(_folder.Write("large.csv", "x1,y\n-1e150,0\n1e150,1\n3e150,0\n"));

        Dataset normalized = ZScoreNormalizer.Fit(data).Apply(data);

        Assert.All(normalized.Features, x => Assert.True(double.IsFinite(x), x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
