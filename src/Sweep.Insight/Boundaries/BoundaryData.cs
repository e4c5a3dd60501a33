using Sweep.Training.Data;
using Sweep.Training.Models;

namespace Sweep.Insight.Boundaries;

/// <summary>
/// What the report draws decision boundaries from: the sweep's training split, read again and checked against the data
/// hash the sweep registered, and a way to read a trial's stored model; or the reason there is none, in words.
/// </summary>
public sealed class BoundaryData
{
    private readonly Func<string, TrainedModel?>? _modelOf;

    private BoundaryData(Dataset? train, Func<string, TrainedModel?>? modelOf, string? unavailable)
    {
        Train = train;
        _modelOf = modelOf;
        Unavailable = unavailable;
    }

    /// <summary>The training split the models were fit on; null when <see cref="Unavailable"/> says why.</summary>
    public Dataset? Train { get; }

    public string? Unavailable { get; }

    /// <param name="modelOf">The stored model of a trial, or null when it has none.</param>
    public static BoundaryData Of(Dataset train, Func<string, TrainedModel?> modelOf)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(modelOf);
        return new BoundaryData(train, modelOf, null);
    }

    public static BoundaryData Missing(string reason) => new(null, null, reason);

    public TrainedModel? ModelOf(string trialId) => _modelOf?.Invoke(trialId);
}
