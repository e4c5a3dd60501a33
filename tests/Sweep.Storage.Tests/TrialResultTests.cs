using System.Text.Json;
using Sweep.Domain;

namespace Sweep.Storage.Tests;

public sealed class TrialResultTests
{
    [Fact]
    public void A_result_crosses_System_Text_Json_intact_even_with_NaN_and_infinities()
    {
        TrialResult trial = SampleTrials.Completed("json", 0.9) with { GradientNormRatio = double.NaN };

        string json = JsonSerializer.Serialize(trial);
        TrialResult? back = JsonSerializer.Deserialize<TrialResult>(json);

        TrialJson.Equal(trial, back);
        Assert.True(double.IsNaN(back!.CostCurve[2].Cost));
        Assert.Equal(double.PositiveInfinity, back.LayerNorms[1].WeightNorms[1]);
        Assert.Equal(trial.Parameters, back.Parameters);
    }
}
