using Sweep.Config;
using SearchConfiguration = Sweep.Search.Configuration;
using Sweep.Search.Strategies;
using Sweep.Training.Training;

namespace Sweep.Runtime.Scheduling;

/// <summary>
/// Where a sweep's trials come from: a search strategy proposes configurations, and each configuration is one or
/// more trials (its repeats).
/// </summary>
/// <param name="CreateStrategy">A fresh strategy, nothing told yet.</param>
/// <param name="TrialsOf">A configuration's trials, the same every time.</param>
/// <param name="Repeats">How many trials each configuration is.</param>
public sealed record TrialSource(Func<ISearchStrategy> CreateStrategy, Func<SearchConfiguration, IReadOnlyList<TrialPlan>> TrialsOf, int Repeats)
{
    /// <summary>The trials of a sweep file's search.</summary>
    public static TrialSource From(SearchPlan search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return new TrialSource(search.CreateStrategy, search.TrialsOf, search.Repeats);
    }

    /// <summary>
    /// The definitions of the configurations a fresh search proposes first, one trial each, up to
    /// <paramref name="count"/> and as far as it can propose without being told an outcome: what a sweep trains first.
    /// </summary>
    public IEnumerable<TrialDefinition> FirstDefinitions(int count)
    {
        ISearchStrategy strategy = CreateStrategy();
        for (int index = 0; index < Math.Min(count, strategy.Count) && strategy.CanAsk(index); index++)
        {
            yield return TrialsOf(strategy.Ask(index))[0].Definition;
        }
    }

    /// <summary>Exactly these trials, in this order: a grid whose i-th point is the i-th trial.</summary>
    public static TrialSource Listed(IReadOnlyList<TrialPlan> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        double[][] points = [.. trials.Select((_, i) => new double[] { i })];
        return new TrialSource(() => new GridStrategy(points), c => [trials[(int)c.Values[0]]], 1);
    }
}
