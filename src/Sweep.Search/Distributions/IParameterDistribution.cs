namespace Sweep.Search.Distributions;

/// <summary>
/// The range one hyperparameter is searched over. Values are doubles in the distribution's own units: a float as is,
/// an integer as a whole double, a categorical as the index of its choice.
/// </summary>
public interface IParameterDistribution
{
    /// <summary>Draws one value from the distribution's prior (what random search and TPE's startup use).</summary>
    double Sample(Random source);

    /// <summary>Whether <paramref name="value"/> is a value this distribution can produce.</summary>
    bool Contains(double value);

    /// <summary>A short description for people, such as <c>log_uniform [0.0001, 1]</c>.</summary>
    string Describe();
}
