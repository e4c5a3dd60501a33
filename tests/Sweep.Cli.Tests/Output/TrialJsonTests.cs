using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Sweep.Cli.Output;
using Sweep.Domain;

namespace Sweep.Cli.Tests.Output;

/// <summary>
/// The trial JSON written field by field is, byte for byte, what the serializer writes for <see cref="TrialResult"/>
/// with snake_case keys, without the model, with <c>has_model</c> last, and with the cost curve and layer norms only
/// where asked for. The serializer reads the record's properties itself, so a property added to
/// <see cref="TrialResult"/> and not to <see cref="TrialJson"/> fails these tests.
/// </summary>
public sealed class TrialJsonTests
{
    private static readonly JsonSerializerOptions Listing = SerializerOptions("model_json", "cost_curve", "layer_norms");

    private static readonly JsonSerializerOptions WithCurves = SerializerOptions("model_json");

    [Fact]
    public void A_listing_is_what_the_serializer_writes_for_the_same_trials()
    {
        TrialResult[] trials = [Completed(), Failed(), Sparse()];

        var written = new MemoryStream();
        TrialJson.WriteArray(written, trials);

        Assert.Equal(JsonSerializer.Serialize(trials, Listing), Encoding.UTF8.GetString(written.ToArray()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void One_trial_with_its_curves_is_what_the_serializer_writes_for_it(int which)
    {
        TrialResult trial = new[] { Completed(), Failed(), Sparse() }[which];

        var written = new MemoryStream();
        TrialJson.WriteOne(written, trial);

        Assert.Equal(JsonSerializer.Serialize(trial, WithCurves), Encoding.UTF8.GetString(written.ToArray()));
    }

    [Fact]
    public void A_listing_leaves_out_models_and_curves_and_says_which_trials_have_a_model()
    {
        var written = new MemoryStream();
        TrialJson.WriteArray(written, [Completed(), Failed()]);
        using JsonDocument listing = JsonDocument.Parse(written.ToArray());

        JsonElement[] trials = [.. listing.RootElement.EnumerateArray()];
        Assert.All(trials, t => Assert.False(t.TryGetProperty("model_json", out _)));
        Assert.All(trials, t => Assert.False(t.TryGetProperty("cost_curve", out _)));
        Assert.True(trials[0].GetProperty("has_model").GetBoolean());
        Assert.False(trials[1].GetProperty("has_model").GetBoolean());
        Assert.Equal("NaN", trials[0].GetProperty("gradient_norm_ratio").GetString());
        Assert.Equal("-Infinity", trials[0].GetProperty("train_cost").GetString());
    }

    /// <summary>The serializer's own contract: every property, snake_case, <paramref name="left"/> removed, has_model added last.</summary>
    private static JsonSerializerOptions SerializerOptions(params string[] left)
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(contract =>
        {
            if (contract.Type != typeof(TrialResult))
            {
                return;
            }

            foreach (JsonPropertyInfo property in contract.Properties.Where(p => left.Contains(p.Name)).ToList())
            {
                contract.Properties.Remove(property);
            }

            JsonPropertyInfo hasModel = contract.CreateJsonPropertyInfo(typeof(bool), "has_model");
            hasModel.Get = trial => ((TrialResult)trial).ModelJson is not null || ((TrialResult)trial).Status == TrialResultStatus.Completed;
            contract.Properties.Add(hasModel);
        });
        return new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            TypeInfoResolver = resolver,
        };
    }

    /// <summary>Every field set, with the numbers JSON has no literal for and text that must be escaped.</summary>
    private static TrialResult Completed() => new()
    {
        TrialId = "3e87e9c0445c6b3b",
        Sweep = "quick \"start\" \u00e4 <b>",
        SweepFileHash = "0bb88687190420c7",
        Status = TrialResultStatus.Completed,
        Message = "line one\nline two\t+",
        ConfigurationId = "585efb30ec1ec71b",
        Parameters = new Dictionary<string, string> { ["l2_lambda"] = "0.7", ["keep_prob"] = "0.86" },
        Settings = new Dictionary<string, string> { ["hidden"] = "[20,3]", ["adam_epsilon"] = "1E-08", ["\u00fcber"] = "ja & nein" },
        Initializer = "he",
        L2Lambda = 0.7,
        KeepProb = 0.86,
        Seed = -3,
        LearningRate = 1e-300,
        Hidden = [20, 3],
        Activation = "relu",
        GradcheckDifference = 1.892885848100737E-11,
        GradcheckWorst = "b3[0] (backprop -0.15625, numeric -0.15625)",
        TrainAccuracy = 0.5023696682464455,
        TestAccuracy = double.PositiveInfinity,
        TrainCost = double.NegativeInfinity,
        TestCost = double.NaN,
        ValidationAccuracy = 1,
        ValidationCost = 0,
        TrainRmse = 123456789.125,
        TestRmse = 5e-324,
        ValidationRmse = double.MaxValue,
        TrainR2 = -0.0,
        TestR2 = 0.1 + 0.2,
        ValidationR2 = -2.5,
        Notes = "\u2713 done",
        IterationsRun = 15000,
        CostCurve = [new CostPoint(0, 0.6931359498627035), new CostPoint(500, double.NaN), new CostPoint(1000, double.PositiveInfinity)],
        LayerNorms =
        [
            new LayerNormsPoint(0, [4.547209771381701, double.NaN], [0.03488329560960243, double.NegativeInfinity]),
            new LayerNormsPoint(500, [], []),
        ],
        SymmetricUnits = true,
        GradientFlow = "vanishing",
        GradientNormRatio = double.NaN,
        ModelJson = "{\"layers\":[]}",
        DurationMs = 46.8336,
        Node = "vm",
        Attempts = 2,
        StartedAt = new DateTimeOffset(2026, 12, 6, 2, 7, 22, TimeSpan.Zero).AddTicks(8216898 % TimeSpan.TicksPerSecond),
        FinishedAt = new DateTimeOffset(2026, 12, 6, 3, 7, 22, TimeSpan.FromHours(5.5)),
    };

    /// <summary>A failed trial without a model: what a listing says has none.</summary>
    private static TrialResult Failed() => Completed() with
    {
        TrialId = "feca49bb68c04de5",
        Status = TrialResultStatus.Failed,
        Message = "diverged",
        ModelJson = null,
    };

    /// <summary>Only the required fields: every optional one at its default, the lists and dictionaries empty.</summary>
    private static TrialResult Sparse() => new()
    {
        TrialId = "0000000000000000",
        Sweep = "s",
        SweepFileHash = "",
        Status = TrialResultStatus.Failed,
    };
}
