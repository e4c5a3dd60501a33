using Sweep.Search.Distributions;

namespace Sweep.Search.Tests.Strategies;

/// <summary>The spaces and objectives the strategy tests search.</summary>
internal static class TestSpaces
{
    /// <summary>A learning rate, a dropout, a width and an optimizer: one of each kind of distribution.</summary>
    public static readonly SearchSpace Mixed = new(
        new SearchParameter("learning_rate", new LogUniformDistribution(1e-5, 1)),
        new SearchParameter("dropout", new UniformDistribution(0, 1)),
        new SearchParameter("width", new IntDistribution(200, 2000)),
        new SearchParameter("optimizer", new ChoiceDistribution(4)));

    /// <summary>
    /// A bowl in the space's own coordinates (log learning rate, dropout, width, optimizer), its minimum 0 at
    /// learning rate 1e-2, dropout 0.3, width 700, optimizer 2.
    /// </summary>
    public static double MixedBowl(IReadOnlyList<double> x)
    {
        double lr = (Math.Log10(x[0]) + 2) / 2;
        double dropout = (x[1] - 0.3) * 2;
        double width = (x[2] - 700) / 600;
        double optimizer = x[3] == 2 ? 0 : 0.5;
        return (lr * lr) + (dropout * dropout) + (width * width) + optimizer;
    }

    /// <summary>Three uniform coordinates; the correlated objective wants them all equal to each other.</summary>
    public static readonly SearchSpace Cube = new(
        new SearchParameter("x", new UniformDistribution(0, 1)),
        new SearchParameter("y", new UniformDistribution(0, 1)),
        new SearchParameter("z", new UniformDistribution(0, 1)));

    /// <summary>A narrow valley along x = y = z = 0.7: the coordinates matter together, not one at a time.</summary>
    public static double CorrelatedValley(IReadOnlyList<double> v) =>
        (10 * (((v[0] - v[1]) * (v[0] - v[1])) + ((v[1] - v[2]) * (v[1] - v[2])))) + Math.Abs(v[0] - 0.7);
}
