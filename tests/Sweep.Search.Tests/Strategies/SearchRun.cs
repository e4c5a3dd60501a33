using Sweep.Search.Strategies;

namespace Sweep.Search.Tests.Strategies;

/// <summary>Drives a strategy the way the runtime does: asks while it may, and tells outcomes as trials finish.</summary>
internal static class SearchRun
{
    /// <summary>
    /// Runs the whole search. Without <paramref name="finishOrder"/> the oldest running trial finishes first; with it,
    /// a random running trial does, so outcomes arrive out of order.
    /// </summary>
    public static Configuration[] Run(ISearchStrategy strategy, Func<IReadOnlyList<double>, double?> objective, Random? finishOrder = null)
    {
        var configurations = new Configuration[strategy.Count];
        var running = new List<int>();
        int next = 0;
        while (next < strategy.Count || running.Count > 0)
        {
            while (next < strategy.Count && strategy.CanAsk(next))
            {
                configurations[next] = strategy.Ask(next);
                running.Add(next++);
            }

            int finished = finishOrder is null ? 0 : finishOrder.Next(running.Count);
            int index = running[finished];
            running.RemoveAt(finished);
            strategy.Tell(index, objective(configurations[index].Values));
        }

        return configurations;
    }

    public static double BestLoss(IEnumerable<Configuration> configurations, Func<IReadOnlyList<double>, double?> objective) =>
        configurations.Select(c => objective(c.Values) ?? double.PositiveInfinity).Min();
}
