using System.Text.Json.Serialization;

namespace Sweep.Domain;

/// <summary>
/// The Frobenius norms of W_l and dW_l per layer at one record point, measured before that iteration's update
/// (index 0 is layer 1).
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record LayerNormsPoint(
    int Iteration,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] IReadOnlyList<double> WeightNorms,
    [property: JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)] IReadOnlyList<double> GradientNorms);
