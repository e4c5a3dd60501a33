using Sweep.Training.Training;

namespace Sweep.Config.Tests;

/// <summary>Trial definitions compared by value, hidden sizes included (a record compares its list by reference).</summary>
internal sealed class DefinitionComparer : IEqualityComparer<TrialDefinition>
{
    private static readonly int[] NoLayers = [];

    public bool Equals(TrialDefinition? x, TrialDefinition? y) =>
        x is not null && y is not null && x.Hidden.SequenceEqual(y.Hidden) && (x with { Hidden = NoLayers }) == (y with { Hidden = NoLayers });

    public int GetHashCode(TrialDefinition obj) => obj.Initializer.GetHashCode(StringComparison.Ordinal);
}
