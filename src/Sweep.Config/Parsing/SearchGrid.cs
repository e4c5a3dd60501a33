namespace Sweep.Config.Parsing;

/// <summary>One search axis: a setting, where its key is, and the values it takes with where each was written.</summary>
internal sealed record SearchAxis(Setting Setting, NodeLocation KeyAt, IReadOnlyList<SettingValue> Values, IReadOnlyList<NodeLocation> ValuesAt);

/// <summary>
/// One grid of the search: the cartesian product of its axes, first axis outermost (the last one varies fastest,
/// as in <c>itertools.product</c>). A grid with no axes is one point.
/// </summary>
internal sealed record SearchGrid(IReadOnlyList<SearchAxis> Axes, NodeLocation? At)
{
    /// <summary>How many points the grid has, saturating at <see cref="long.MaxValue"/>.</summary>
    public long Size => Axes.Aggregate(1L, (size, axis) => size > long.MaxValue / Math.Max(1, axis.Values.Count) ? long.MaxValue : size * axis.Values.Count);

    public IEnumerable<IReadOnlyList<(Setting Setting, SettingValue Value)>> Points()
    {
        var index = new int[Axes.Count];
        while (true)
        {
            var point = new (Setting, SettingValue)[Axes.Count];
            for (int a = 0; a < Axes.Count; a++)
            {
                point[a] = (Axes[a].Setting, Axes[a].Values[index[a]]);
            }

            yield return point;

            int carry = Axes.Count - 1;
            while (carry >= 0 && ++index[carry] == Axes[carry].Values.Count)
            {
                index[carry--] = 0;
            }

            if (carry < 0)
            {
                yield break;
            }
        }
    }
}
