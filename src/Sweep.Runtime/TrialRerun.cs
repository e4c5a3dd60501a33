using System.Globalization;
using Sweep.Config;
using Sweep.Domain;
using Sweep.Protocol.Messages.Commands;
using Sweep.Training.Models;
using Sweep.Training.Training;

namespace Sweep.Runtime;

/// <summary>
/// Trains a stored trial again and says whether its outcome is bit-identical to the stored one (<c>sweep rerun</c>).
/// The run is the one a worker makes (<see cref="TrialRunner.Run"/> on the sweep's data) and its outcome comes from the
/// runtime's one mapping (<see cref="TrialResults.Outcome"/>), so a difference is a difference in what a sweep stores.
/// </summary>
public static class TrialRerun
{
    /// <summary>
    /// Runs <paramref name="trial"/> (rebuilt from the stored trial's settings) on <paramref name="sweep"/>'s data on the
    /// calling thread and returns its outcome as a sweep would store it; a trial that throws is a failed outcome, as
    /// in a sweep. Throws <see cref="OperationCanceledException"/> when <paramref name="cancellation"/> stops it.
    /// </summary>
    public static TrialResult Run(SweepDefinition sweep, TrialPlan trial, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(trial);
        var assignment = new AssignTrial(
            trial.TrialId, trial.ConfigurationId, sweep.Name, sweep.FileHash, sweep.DatasetKey, 1, trial.Parameters, trial.Settings, trial.Definition);
        DateTimeOffset startedAt = DateTimeOffset.UtcNow;
        TrialReport report;
        try
        {
            report = TrialRunner.Run(trial.Definition, sweep.LoadData(), cancellationToken: cancellation);
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not OutOfMemoryException)
        {
            return TrialResults.Threw(assignment, exception, "rerun", startedAt, DateTimeOffset.UtcNow);
        }

        if (report.Status == TrialStatus.Cancelled)
        {
            throw new OperationCanceledException("the rerun was stopped", cancellation);
        }

        return TrialResults.Outcome(report, assignment, "rerun", startedAt, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Compares what a run determines, bit for bit, in this order: the status, the gradient check's difference, every
    /// cost-curve point, every layer-norm value, the iterations run, every metric and the model (weights, biases,
    /// normalization, classes). Timing, node and attempts are not compared: they are where and when, not what.
    /// </summary>
    public static RerunComparison Compare(TrialResult stored, TrialResult rerun)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(rerun);
        string? difference = FirstDifference(stored, rerun);
        return difference is null ? new RerunComparison(null, Describe(stored)) : new RerunComparison(difference, null);
    }

    private static string? FirstDifference(TrialResult stored, TrialResult rerun)
    {
        if (stored.Status != rerun.Status)
        {
            return $"status: stored {stored.Status}, now {rerun.Status}{(rerun.Message is null ? "" : $" ({rerun.Message})")}";
        }

        if (Differs("gradient check difference", stored.GradcheckDifference, rerun.GradcheckDifference) is { } check)
        {
            return check;
        }

        if (stored.CostCurve.Count != rerun.CostCurve.Count)
        {
            return Invariant($"cost curve: stored {stored.CostCurve.Count} points, now {rerun.CostCurve.Count}");
        }

        for (int i = 0; i < stored.CostCurve.Count; i++)
        {
            CostPoint was = stored.CostCurve[i];
            CostPoint now = rerun.CostCurve[i];
            if (was.Iteration != now.Iteration)
            {
                return Invariant($"cost curve point {i}: stored at iteration {was.Iteration}, now at {now.Iteration}");
            }

            if (Differs(Invariant($"cost curve point {i} (iteration {was.Iteration})"), was.Cost, now.Cost) is { } cost)
            {
                return cost;
            }
        }

        if (LayerNormsDifference(stored.LayerNorms, rerun.LayerNorms) is { } norms)
        {
            return norms;
        }

        if (stored.IterationsRun != rerun.IterationsRun)
        {
            return Invariant($"iterations run: stored {stored.IterationsRun}, now {rerun.IterationsRun}");
        }

        foreach (var (name, was, now) in Metrics(stored).Zip(Metrics(rerun), (a, b) => (a.Name, a.Value, b.Value)))
        {
            if (Differs(name, was, now) is { } metric)
            {
                return metric;
            }
        }

        return ModelDifference(stored.ModelJson, rerun.ModelJson);
    }

    private static string? LayerNormsDifference(IReadOnlyList<LayerNormsPoint> stored, IReadOnlyList<LayerNormsPoint> rerun)
    {
        if (stored.Count != rerun.Count)
        {
            return Invariant($"layer norms: stored {stored.Count} points, now {rerun.Count}");
        }

        for (int i = 0; i < stored.Count; i++)
        {
            foreach (var (kind, was, now) in new[] { ("weight", stored[i].WeightNorms, rerun[i].WeightNorms), ("gradient", stored[i].GradientNorms, rerun[i].GradientNorms) })
            {
                string where = Invariant($"{kind} norms at iteration {stored[i].Iteration}");
                if (stored[i].Iteration != rerun[i].Iteration || was.Count != now.Count)
                {
                    return Invariant($"{where}: stored {was.Count} layers, now {now.Count} at iteration {rerun[i].Iteration}");
                }

                for (int layer = 0; layer < was.Count; layer++)
                {
                    if (Differs(Invariant($"{where}, layer {layer + 1}"), was[layer], now[layer]) is { } norm)
                    {
                        return norm;
                    }
                }
            }
        }

        return null;
    }

    private static string? ModelDifference(string? stored, string? rerun)
    {
        if (stored is null || rerun is null)
        {
            return (stored is null) == (rerun is null) ? null : $"weights: stored {(stored is null ? "no model" : "a model")}, now {(rerun is null ? "no model" : "a model")}";
        }

        if (string.Equals(stored, rerun, StringComparison.Ordinal))
        {
            return null;
        }

        // The JSON writes each double as its shortest round-trip text, so equal text is equal bits; say where it is not.
        try
        {
            double[] was = TrainedModel.FromJson(stored).Parameters;
            double[] now = TrainedModel.FromJson(rerun).Parameters;
            if (was.Length != now.Length)
            {
                return Invariant($"weights: stored {was.Length} parameters, now {now.Length}");
            }

            for (int i = 0; i < was.Length; i++)
            {
                if (Differs(Invariant($"weights: parameter {i}"), was[i], now[i]) is { } parameter)
                {
                    return parameter;
                }
            }
        }
        catch (FormatException exception)
        {
            return $"weights: the stored model cannot be read ({exception.Message})";
        }

        int at = Enumerable.Range(0, Math.Min(stored.Length, rerun.Length)).FirstOrDefault(i => stored[i] != rerun[i], Math.Min(stored.Length, rerun.Length));
        return Invariant($"model JSON (normalization or classes): the texts differ from character {at}");
    }

    private static string? Differs(string what, double? stored, double? rerun)
    {
        bool same = stored.HasValue == rerun.HasValue
            && (!stored.HasValue || BitConverter.DoubleToInt64Bits(stored.Value) == BitConverter.DoubleToInt64Bits(rerun!.Value));
        return same ? null : $"{what}: stored {Format(stored)}, now {Format(rerun)}";
    }

    private static IEnumerable<(string Name, double? Value)> Metrics(TrialResult trial) =>
    [
        (TrialMetrics.TrainAccuracy, trial.TrainAccuracy),
        (TrialMetrics.ValidationAccuracy, trial.ValidationAccuracy),
        (TrialMetrics.TestAccuracy, trial.TestAccuracy),
        (TrialMetrics.TrainCost, trial.TrainCost),
        (TrialMetrics.ValidationCost, trial.ValidationCost),
        (TrialMetrics.TestCost, trial.TestCost),
        (TrialMetrics.TrainRmse, trial.TrainRmse),
        (TrialMetrics.ValidationRmse, trial.ValidationRmse),
        (TrialMetrics.TestRmse, trial.TestRmse),
        (TrialMetrics.TrainR2, trial.TrainR2),
        (TrialMetrics.ValidationR2, trial.ValidationR2),
        (TrialMetrics.TestR2, trial.TestR2),
    ];

    /// <summary>What matched, e.g. <c>status completed, 21 curve points, 4 metrics, 3 layers of weights (123 parameters)</c>.</summary>
    private static string Describe(TrialResult trial)
    {
        var parts = new List<string> { $"status {trial.Status}" };
        if (trial.GradcheckDifference is { } difference)
        {
            parts.Add($"gradient check difference {Format(difference)}");
        }

        parts.Add(Invariant($"{trial.CostCurve.Count} curve point{(trial.CostCurve.Count == 1 ? "" : "s")}"));
        int metrics = Metrics(trial).Count(m => m.Value.HasValue);
        parts.Add(Invariant($"{metrics} metric{(metrics == 1 ? "" : "s")}"));
        if (trial.ModelJson is not null)
        {
            TrainedModel model = TrainedModel.FromJson(trial.ModelJson);
            int layers = model.Architecture.LayerCount;
            parts.Add(Invariant($"{layers} layer{(layers == 1 ? "" : "s")} of weights ({model.Parameters.Length} parameters)"));
        }

        return string.Join(", ", parts);
    }

    private static string Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "none";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// What <see cref="TrialRerun.Compare"/> found: the first difference (which field, the stored and the new value), or,
/// when everything compared is bit-identical, what was compared.
/// </summary>
public sealed record RerunComparison(string? Difference, string? Matched)
{
    public bool IsIdentical => Difference is null;
}
