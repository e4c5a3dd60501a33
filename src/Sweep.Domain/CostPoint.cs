using System.Text.Json.Serialization;

namespace Sweep.Domain;

/// <summary>The training objective (with L2 and dropout, as the course prints it) at one record point.</summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record CostPoint(int Iteration, double Cost);
