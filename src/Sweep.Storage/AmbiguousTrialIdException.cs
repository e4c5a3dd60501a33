namespace Sweep.Storage;

/// <summary>A trial id prefix that matches more than one stored trial; <see cref="Candidates"/> lists some of them.</summary>
public sealed class AmbiguousTrialIdException : TrialStoreException
{
    public AmbiguousTrialIdException()
    {
    }

    public AmbiguousTrialIdException(string message)
        : base(message)
    {
    }

    public AmbiguousTrialIdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AmbiguousTrialIdException(string prefix, IReadOnlyList<string> candidates)
        : base($"trial id prefix '{prefix}' is ambiguous: it matches {string.Join(", ", candidates)}{(candidates.Count >= TrialStore.AmbiguityListLength ? ", ..." : "")}; give more characters")
    {
        Prefix = prefix;
        Candidates = candidates;
    }

    public string Prefix { get; } = "";

    public IReadOnlyList<string> Candidates { get; } = [];
}
