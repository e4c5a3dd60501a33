using Sweep.Insight.Boundaries;

namespace Sweep.Insight.Tests.Boundaries;

public sealed class DecisionSurfaceTests
{
    [Fact]
    public void Each_grid_cell_holds_the_class_the_model_predicts_there()
    {
        // Class "above" (index 1) exactly where x1 - x2 > 0.
        DecisionSurface surface = DecisionSurface.Of("t", LinearModels.Logistic(1, -1, 0), LinearModels.Points());

        Assert.Equal(["below", "above"], surface.Classes);
        for (int row = 0; row < DecisionSurface.Resolution; row++)
        {
            for (int column = 0; column < DecisionSurface.Resolution; column++)
            {
                double margin = surface.X[column] - surface.Y[row];
                if (Math.Abs(margin) > 1e-9)
                {
                    Assert.Equal(margin > 0 ? 1 : 0, surface.Predicted[row][column]);
                }
            }
        }
    }

    [Fact]
    public void The_grid_spans_the_data_padded_by_a_tenth_on_each_side()
    {
        DecisionSurface surface = DecisionSurface.Of("t", LinearModels.Logistic(1, -1, 0), LinearModels.Points());

        Assert.Equal(DecisionSurface.Resolution, surface.X.Length);
        Assert.Equal(-1.2, surface.X[0], 12);
        Assert.Equal(1.2, surface.X[^1], 12);
        Assert.Equal(-1.2, surface.Y[0], 12);
        Assert.Equal(1.2, surface.Y[^1], 12);
    }

    [Fact]
    public void Data_without_exactly_two_features_is_refused()
    {
        var exception = Assert.Throws<ArgumentException>(() => DecisionSurface.Of("t", LinearModels.Logistic(1, -1, 0), LinearModels.Points(features: 3)));

        Assert.Contains("two features; the data has 3", exception.Message, StringComparison.Ordinal);
    }
}
