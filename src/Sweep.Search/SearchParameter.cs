using Sweep.Search.Distributions;

namespace Sweep.Search;

/// <summary>One named hyperparameter and the range it is searched over.</summary>
public sealed record SearchParameter(string Name, IParameterDistribution Distribution);
