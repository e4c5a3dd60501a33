using System.Text.Json.Serialization;

namespace Sweep.Domain;

/// <summary>
/// Everything stored about one trial: what it was (sweep, parameters, the settings that matter for comparing trials),
/// how it ended, its metrics, curves and stability diagnostics, the trained model, and where, when and in how many
/// attempts it ran. A plain immutable value with no storage types in it, so it also crosses the network inside a
/// message (System.Text.Json; NaN and infinities, which a diverged trial's curve may hold, are written as the strings
/// "NaN", "Infinity" and "-Infinity"). Timestamps are UTC. Record equality compares the lists by reference: compare
/// two results field by field, or through their JSON.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record TrialResult
{
    /// <summary>The deterministic id of the trial (a hash of the sweep name and the trial's parameters).</summary>
    public required string TrialId { get; init; }

    /// <summary>The name of the sweep the trial belongs to.</summary>
    public required string Sweep { get; init; }

    /// <summary>The hash of the sweep file the trial was expanded from.</summary>
    public required string SweepFileHash { get; init; }

    /// <summary>One of <see cref="TrialResultStatus.All"/>.</summary>
    public required string Status { get; init; }

    /// <summary>Why the trial did not complete (divergence, gradient check, failure); null for a completed trial.</summary>
    public string? Message { get; init; }

    /// <summary>
    /// The configuration the trial trains: a hash of its settings without the seed, shared by the trials of one
    /// configuration run with several seeds (<c>repeats</c>). Empty in stores written before configurations had ids,
    /// where each trial is a configuration of its own (<see cref="ConfigurationKey"/>).
    /// </summary>
    public string ConfigurationId { get; init; } = "";

    /// <summary><see cref="ConfigurationId"/>, or the trial id for a trial stored without one.</summary>
    [JsonIgnore]
    public string ConfigurationKey => ConfigurationId.Length > 0 ? ConfigurationId : TrialId;

    /// <summary>The trial's value of every searched setting, by name, in canonical text, in the sweep file's order.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Every setting of the trial, searched or fixed, by name, in canonical text; empty in older stores.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    public string Initializer { get; init; } = "";

    public double L2Lambda { get; init; }

    public double KeepProb { get; init; } = 1.0;

    public int Seed { get; init; }

    public double LearningRate { get; init; }

    /// <summary>Hidden layer sizes (input and output sizes come from the data).</summary>
    public IReadOnlyList<int> Hidden { get; init; } = [];

    /// <summary>The hidden layers' activation.</summary>
    public string Activation { get; init; } = "";

    /// <summary><c>||g - g_approx|| / (||g|| + ||g_approx||)</c>; null when the gradient check was disabled.</summary>
    public double? GradcheckDifference { get; init; }

    /// <summary>The parameter with the largest disagreement, e.g. <c>W2[0,3] (backprop 0.0123, numeric 0.0456)</c>.</summary>
    public string? GradcheckWorst { get; init; }

    /// <summary>Final metrics (mean cross-entropy without L2 and dropout); null unless the trial completed.</summary>
    public double? TrainAccuracy { get; init; }

    public double? TestAccuracy { get; init; }

    public double? TrainCost { get; init; }

    public double? TestCost { get; init; }

    /// <summary>
    /// On the validation set held out of the training data (<c>dataset.validation_fraction</c>); null when the sweep
    /// holds none out (and in stores written before there were validation sets) or the trial did not complete.
    /// </summary>
    public double? ValidationAccuracy { get; init; }

    public double? ValidationCost { get; init; }

    /// <summary>
    /// A regression's root mean squared error and R^2 in the target's own units; null for a classifier (and in stores
    /// written before there were regressions) or a trial that did not complete. A regression's accuracies are null
    /// and its costs are <c>(1/2m) sum (a - y)^2</c> on the standardized target.
    /// </summary>
    public double? TrainRmse { get; init; }

    public double? TestRmse { get; init; }

    public double? ValidationRmse { get; init; }

    public double? TrainR2 { get; init; }

    public double? TestR2 { get; init; }

    public double? ValidationR2 { get; init; }

    /// <summary>What the data says about the trial, such as test cells of a category the training split lacks; null when nothing.</summary>
    public string? Notes { get; init; }

    public int IterationsRun { get; init; }

    /// <summary>The training objective at every record point.</summary>
    public IReadOnlyList<CostPoint> CostCurve { get; init; } = [];

    /// <summary>Per-layer weight and gradient norms at every record point.</summary>
    public IReadOnlyList<LayerNormsPoint> LayerNorms { get; init; } = [];

    /// <summary>Whether some hidden layer's units were all identical at the last record point.</summary>
    public bool SymmetricUnits { get; init; }

    /// <summary>
    /// The last record point's gradient flow: <c>healthy</c>, <c>vanishing</c>, <c>exploding</c>, <c>no_gradient</c>
    /// or <c>diverged</c> (a norm is NaN or infinite); null when nothing was recorded.
    /// </summary>
    public string? GradientFlow { get; init; }

    /// <summary>The last record point's <c>||dW_1|| / ||dW_L||</c>; null when nothing was recorded.</summary>
    public double? GradientNormRatio { get; init; }

    /// <summary>
    /// The trained model (<c>TrainedModel.ToJson()</c>) of a completed trial. The store's listings
    /// (the store's <c>Trials</c> and <c>Best</c>) leave it null unless asked for it; <c>Get</c> and <c>BestTrial</c>
    /// always fill it.
    /// </summary>
    public string? ModelJson { get; init; }

    /// <summary>Wall time of the attempt that produced this result (gradient check, training and evaluation).</summary>
    public double DurationMs { get; init; }

    /// <summary>The node (address or name) that ran the trial.</summary>
    public string Node { get; init; } = "";

    /// <summary>How many times the trial was started, including the one that produced this result.</summary>
    public int Attempts { get; init; } = 1;

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }
}
