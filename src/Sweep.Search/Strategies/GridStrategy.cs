using Sweep.Search.Distributions;

namespace Sweep.Search.Strategies;

/// <summary>
/// Proposes a fixed list of points in order. <see cref="Product"/> makes the cartesian product of a space of choices;
/// a caller with several grids concatenates their products and builds one strategy from the list.
/// </summary>
public sealed class GridStrategy : ISearchStrategy
{
    private readonly double[][] _points;

    public GridStrategy(IReadOnlyList<double[]> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        _points = new double[points.Count][];
        for (int i = 0; i < points.Count; i++)
        {
            double[] point = points[i] ?? throw new ArgumentException($"Grid point {i} is missing.", nameof(points));
            if (point.Length != points[0].Length)
            {
                throw new ArgumentException(
                    $"Grid point {i} has {point.Length} values but point 0 has {points[0].Length}.", nameof(points));
            }

            // Copied so a caller changing its arrays later cannot change what was proposed.
            _points[i] = (double[])point.Clone();
        }
    }

    /// <summary>The grid over every combination of the space's choices.</summary>
    public GridStrategy(SearchSpace space)
        : this(Product(space))
    {
    }

    public int Count => _points.Length;

    /// <summary>
    /// Every combination of a space made only of <see cref="ChoiceDistribution"/>s, first parameter outermost and the
    /// last varying fastest, as nested loops written in the space's order would visit them.
    /// </summary>
    public static IReadOnlyList<double[]> Product(SearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var counts = new int[space.Parameters.Count];
        long total = 1;
        for (int p = 0; p < counts.Length; p++)
        {
            SearchParameter parameter = space.Parameters[p];
            if (parameter.Distribution is not ChoiceDistribution choice)
            {
                throw new ArgumentException(
                    $"A grid takes only choices, but '{parameter.Name}' is {parameter.Distribution.Describe()}.", nameof(space));
            }

            counts[p] = choice.Count;
            total *= choice.Count;
            if (total > Array.MaxLength)
            {
                throw new ArgumentException($"The grid has more than {Array.MaxLength} points.", nameof(space));
            }
        }

        var points = new double[total][];
        for (int i = 0; i < points.Length; i++)
        {
            var point = new double[counts.Length];
            int rest = i;
            for (int p = counts.Length - 1; p >= 0; p--)
            {
                point[p] = rest % counts[p];
                rest /= counts[p];
            }

            points[i] = point;
        }

        return points;
    }

    public bool CanAsk(int index) => true;

    public Configuration Ask(int index)
    {
        IndexCheck.InSearch(index, Count);
        return new Configuration(index, Array.AsReadOnly(_points[index]));
    }

    /// <summary>A grid does not learn: outcomes are only checked to belong to the search.</summary>
    public void Tell(int index, double? loss) => IndexCheck.InSearch(index, Count);
}
