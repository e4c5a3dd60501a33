using Sweep.Training.Initializers;
using Sweep.Training.Random;

namespace Sweep.Training.Networks;

public static class ParameterInitialization
{
    /// <summary>
    /// A fresh flat parameter vector: W_l drawn by the initializer for l = 1..L in order from one stream (as the
    /// course's <c>np.random.seed(3)</c> followed by one <c>randn</c> per layer), biases 0.
    /// </summary>
    public static double[] Create(NetworkArchitecture architecture, IInitializer initializer, RandomSource random)
    {
        var parameters = new double[architecture.ParameterCount];
        for (int l = 1; l <= architecture.LayerCount; l++)
        {
            initializer.Initialize(architecture.Weights(parameters, l), architecture.Units(l), architecture.Units(l - 1), random);
        }

        return parameters;
    }
}
