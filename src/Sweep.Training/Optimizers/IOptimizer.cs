namespace Sweep.Training.Optimizers;

/// <summary>One update rule over the flat parameter vector; any state (velocities, moments) belongs to the instance.</summary>
public interface IOptimizer
{
    string Name { get; }

    /// <summary>Applies one update for the given gradient. <paramref name="updateCount"/> counts updates from 1.</summary>
    void Update(Span<double> parameters, ReadOnlySpan<double> gradient, int updateCount);
}
