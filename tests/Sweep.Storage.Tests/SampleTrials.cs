using Sweep.Domain;
namespace Sweep.Storage.Tests;

/// <summary>Trial results with every field set to something distinctive.</summary>
internal static class SampleTrials
{
    public const string Sweep = "course-init";
    public const string Hash = "3f2a9c0d1e5b7a4c8d6e0f1a2b3c4d5e6f7a8b9c";
    public const string DataHash = "d47a0000111122223333444455556666777788889999";

    /// <summary>A fingerprint whose settings and file hashes are both <paramref name="settingsHash"/>.</summary>
    public static SweepFingerprint Fingerprint(string settingsHash = Hash, string dataHash = DataHash) =>
        new(settingsHash, settingsHash, dataHash, "the data file /data/train.csv");

    public static TrialResult Completed(string id, double testAccuracy, double testCost = 0.3, string sweep = Sweep, string? model = "{\"layers\": [2, 3, 1]}") => new()
    {
        TrialId = id,
        Sweep = sweep,
        SweepFileHash = Hash,
        Status = TrialResultStatus.Completed,
        Message = null,
        Parameters = new Dictionary<string, string> { ["initializer"] = "he", ["training.l2_lambda"] = "0.7", ["seed"] = "3" },
        Initializer = "he",
        L2Lambda = 0.7,
        KeepProb = 0.86,
        Seed = 3,
        LearningRate = 0.3,
        Hidden = [20, 3],
        Activation = "relu",
        GradcheckDifference = 1.234e-8,
        GradcheckWorst = "W2[0,3] (backprop 0.0123, numeric 0.0123)",
        TrainAccuracy = 0.94,
        TestAccuracy = testAccuracy,
        TrainCost = 0.1 + (1.0 / 3.0),
        TestCost = testCost,
        ValidationAccuracy = 0.91,
        ValidationCost = 0.27,
        IterationsRun = 30000,
        CostCurve = [new CostPoint(0, 0.6931471805599453), new CostPoint(10000, 0.2), new CostPoint(29999, double.NaN)],
        LayerNorms =
        [
            new LayerNormsPoint(0, [1.5, 2.25, 0.125], [0.001, 1e-300, 3.0]),
            new LayerNormsPoint(29999, [4.0, double.PositiveInfinity, 0.5], [0.0, 0.0, 0.0]),
        ],
        SymmetricUnits = true,
        GradientFlow = "no_gradient",
        GradientNormRatio = 0.0042,
        ModelJson = model,
        DurationMs = 1234.5678,
        Node = "akka.tcp://sweep@127.0.0.1:4053",
        Attempts = 2,
        StartedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero).AddTicks(1234567),
        FinishedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 9, TimeSpan.Zero).AddTicks(7654321),
    };

    public static TrialResult Diverged(string id, string sweep = Sweep) => Completed(id, 0.5, sweep: sweep, model: null) with
    {
        Status = TrialResultStatus.Diverged,
        Message = "cost became NaN at iteration 1200",
        TrainAccuracy = null,
        TestAccuracy = null,
        TrainCost = null,
        TestCost = null,
        ValidationAccuracy = null,
        ValidationCost = null,
    };
}
