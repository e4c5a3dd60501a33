namespace Sweep.Search;

/// <summary>
/// Configuration <see cref="Index"/> of a search: one value per parameter, aligned with the space's parameters (or, for
/// a grid built from explicit points, with those points).
/// </summary>
public sealed record Configuration(int Index, IReadOnlyList<double> Values);
