using Sweep.Search;
using Sweep.Search.Distributions;

namespace Sweep.Config.Parsing;

/// <summary>
/// One searched setting of a sampled search: the distribution the strategy draws from, and for a list of choices the
/// setting values its indices stand for.
/// </summary>
internal sealed record SearchDimension(Setting Setting, IParameterDistribution Distribution, IReadOnlyList<SettingValue> Choices, NodeLocation At)
{
    public static SearchDimension Choice(SearchAxis axis) =>
        new(axis.Setting, new ChoiceDistribution(axis.Values.Count), axis.Values, axis.KeyAt);

    public SearchParameter ToParameter() => new(Setting.Name, Distribution);

    /// <summary>The setting value a draw stands for: a choice's value, a whole number, or a real number.</summary>
    public SettingValue ValueOf(double draw) => Distribution switch
    {
        ChoiceDistribution => Choices[(int)draw],
        IntDistribution => SettingValue.Of((int)draw),
        _ => SettingValue.Of(draw == 0 ? 0.0 : draw),
    };

    /// <summary>How the setting is searched, for people: <c>log_uniform [0.0001, 1]</c>, <c>choice of he, xavier</c>.</summary>
    public string Describe() => Distribution is ChoiceDistribution
        ? "choice of " + string.Join(", ", Choices.Select(c => c.Canonical))
        : Distribution.Describe();
}
