using Sweep.Training.Activations;
using Sweep.Training.GradientChecking;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Regularization;

namespace Sweep.Training.Tests.GradientChecking;

public class PerturbedCostTests
{
    [Theory]
    [InlineData("tanh", "sigmoid", 0.0, 1.0)]
    [InlineData("relu", "softmax", 0.7, 1.0)]
    [InlineData("elu", "sigmoid", 0.3, 0.75)]
    [InlineData("selu", "softmax", 0.0, 0.6)]
    public void Incremental_cost_equals_a_full_forward_pass_for_every_parameter(string activation, string output, double lambda, double keepProb)
    {
        int outputs = output == "softmax" ? 3 : 1;
        var architecture = new NetworkArchitecture([4, 6, 5, outputs], ActivationRegistry.Create(activation), OutputLayerRegistry.Create(output));
        var random = new NumpyRandomState(11);
        const int examples = 9;
        var features = new double[4 * examples];
        random.FillGaussian(features);
        double[] labels = Enumerable.Range(0, examples).Select(j => (double)(j % Math.Max(outputs, 2))).ToArray();
        double[] parameters = ParameterInitialization.Create(architecture, new HeNormal(), random);
        random.FillGaussian(architecture.Biases(parameters, 1));
        bool dropout = keepProb < 1;
        var propagation = new Propagation(architecture, examples, dropout);
        if (dropout)
        {
            new Dropout(architecture, keepProb, DropoutMaskMode.Fixed, random).Prepare(propagation, examples);
        }

        var incremental = new PerturbedCost(architecture, propagation, parameters, features, labels, lambda, dropout);
        var full = new Propagation(architecture, examples, dropout);
        if (dropout)
        {
            for (int l = 1; l < architecture.LayerCount; l++)
            {
                propagation.Mask(l, examples).CopyTo(full.Mask(l, examples));
            }
        }

        for (int i = 0; i < parameters.Length; i++)
        {
            foreach (double step in new[] { 1e-3, -0.5 })
            {
                double[] moved = (double[])parameters.Clone();
                moved[i] += step;
                full.Forward(moved, features, examples, dropout);
                double expected = full.Cost(moved, labels, examples, lambda);

                double actual = incremental.Evaluate(i, step);

                Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)),
                    $"parameter {architecture.Locate(i)}, step {step}: {actual} vs {expected}");
            }
        }
    }
}
