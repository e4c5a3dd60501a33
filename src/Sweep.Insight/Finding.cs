namespace Sweep.Insight;

/// <summary>
/// One thing the diagnosis says about a sweep: what kind of finding it is (<see cref="FindingKinds"/>), the searched
/// settings it concerns (empty when it concerns every trial), how many trials have those settings and how many of them
/// show it, the numbers behind it as the store holds them, the trials it is about, and the sentence that says it.
/// </summary>
public sealed record Finding(
    string Kind,
    IReadOnlyDictionary<string, string> Settings,
    int Trials,
    int Affected,
    IReadOnlyDictionary<string, double> Numbers,
    IReadOnlyList<string> TrialIds,
    string Sentence);
