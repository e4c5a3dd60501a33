namespace Sweep.Training.Tests.Reference;

/// <summary>
/// The six hidden activations and their derivatives as plain scalar formulas of z, written from their definitions
/// and not from the engine's classes (which differentiate from a where that is cheaper, use expm1, vector kernels).
/// </summary>
internal static class ReferenceActivations
{
    /// <summary>Leaky ReLU's slope for negative z.</summary>
    public const double LeakySlope = 0.01;

    /// <summary>ELU's alpha.</summary>
    public const double EluAlpha = 1.0;

    /// <summary>SELU's alpha, from Klambauer et al. (2017), "Self-Normalizing Neural Networks", eq. 2.</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>SELU's lambda (the paper's scale), same source.</summary>
    public const double SeluLambda = 1.0507009873554804934193349852946;

    /// <summary>g(z).</summary>
    public static Func<double, double> Function(string name) => name switch
    {
        "relu" => z => z > 0 ? z : 0.0,
        "leaky_relu" => z => z > 0 ? z : LeakySlope * z,
        "tanh" => Math.Tanh,
        "sigmoid" => Sigmoid,
        "elu" => z => z > 0 ? z : EluAlpha * (Math.Exp(z) - 1.0),
        "selu" => z => z > 0 ? SeluLambda * z : SeluLambda * SeluAlpha * (Math.Exp(z) - 1.0),
        _ => throw new ArgumentException($"the reference has no activation '{name}'", nameof(name)),
    };

    /// <summary>g'(z); at the kink z = 0 the left derivative, as the course's <c>np.int64(A &gt; 0)</c> does for ReLU.</summary>
    public static Func<double, double> Derivative(string name) => name switch
    {
        "relu" => z => z > 0 ? 1.0 : 0.0,
        "leaky_relu" => z => z > 0 ? 1.0 : LeakySlope,
        "tanh" => z => 1.0 - Math.Tanh(z) * Math.Tanh(z),
        "sigmoid" => z => Sigmoid(z) * (1.0 - Sigmoid(z)),
        "elu" => z => z > 0 ? 1.0 : EluAlpha * Math.Exp(z),
        "selu" => z => z > 0 ? SeluLambda : SeluLambda * SeluAlpha * Math.Exp(z),
        _ => throw new ArgumentException($"the reference has no activation '{name}'", nameof(name)),
    };

    /// <summary><c>1 / (1 + e^-z)</c>.</summary>
    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));
}
