using Sweep.Training.Activations;
using Sweep.Training.GradientChecking;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Regularization;
using Sweep.Training.Tests.Reference;

namespace Sweep.Training.Tests.GradientChecking;

/// <summary>
/// The gradient check over the whole space a sweep can ask for, and the check's power: a backward pass with one
/// wrong term must fail it, and the parameters it blames must be the ones that are wrong.
/// </summary>
public sealed class GradientCheckSpaceTests
{
    private const int Examples = 20;

    /// <summary>Far above the threshold: a wrong term is no borderline case.</summary>
    private const double FailureFactor = 100.0;

    /// <summary>A discrepancy this large is a wrong term, not rounding noise (which is about 1e-9 here).</summary>
    private const double Significant = 1e-6;

    private static readonly string[] Initializers =
        ["zeros", "random:10", "he", "he_uniform", "xavier", "glorot_uniform", "lecun", "lecun_uniform"];

    public static TheoryData<string, string, string, double, double> Space
    {
        get
        {
            var space = new TheoryData<string, string, string, double, double>();
            foreach (string activation in ActivationRegistry.Names)
            {
                foreach (string initializer in Initializers)
                {
                    foreach (string output in OutputLayerRegistry.Names)
                    {
                        foreach (double lambda in new[] { 0.0, 0.7 })
                        {
                            foreach (double keepProb in new[] { 1.0, 0.8 })
                            {
                                space.Add(activation, initializer, output, lambda, keepProb);
                            }
                        }
                    }
                }
            }

            return space;
        }
    }

    public static TheoryData<string, string> ActivationsAndOutputs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string activation in ActivationRegistry.Names)
            {
                foreach (string output in OutputLayerRegistry.Names)
                {
                    data.Add(activation, output);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Space))]
    public void Check_passes_for_every_activation_initializer_output_and_regularization(
        string activation, string initializer, string output, double lambda, double keepProb)
    {
        NetworkArchitecture architecture = Architecture(activation, output);
        double[] parameters = ParameterInitialization.Create(
            architecture, InitializerRegistry.Create(initializer), RandomSources.Create(RandomKind.Numpy, 2));
        var (features, labels) = ReferenceData.Random(3, Examples, Classes(output), seed: 1);

        GradientCheckResult result = GradientChecker.Check(
            architecture, parameters, features, ReferenceData.Y(labels), lambda, keepProb, RandomSources.Create(RandomKind.Numpy, 3));

        string name = $"{architecture} init {initializer} lambda {lambda} keep_prob {keepProb}";
        Assert.True(result.Passed, $"{name}: difference {result.Difference:R} > {result.Threshold:R}; worst {Describe(result)}");
        Assert.Equal(Examples, result.ExamplesUsed);
        Assert.Equal(architecture.ParameterCount, result.ParametersChecked);
    }

    [Theory]
    [InlineData("sigmoid", 1)]
    [InlineData("sigmoid", 2)]
    [InlineData("sigmoid", 3)]
    [InlineData("softmax", 1)]
    [InlineData("softmax", 2)]
    [InlineData("softmax", 3)]
    public void Check_fails_and_blames_the_layer_whose_weight_gradient_is_doubled(string output, int layer)
    {
        var setup = MutationSetup.Create("relu", output, lambda: 0.0, keepProb: 1.0);
        foreach (ref double g in setup.Architecture.Weights(setup.Analytic, layer))
        {
            g *= 2.0;
        }

        GradientCheckResult result = setup.Compare();

        AssertFailsAndBlames(result, p => p.Layer == layer && p.Column >= 0, $"dW{layer} doubled");
    }

    [Theory]
    [InlineData("sigmoid", 1)]
    [InlineData("sigmoid", 2)]
    [InlineData("softmax", 1)]
    [InlineData("softmax", 3)]
    public void Check_fails_and_blames_the_layer_whose_bias_gradient_is_scaled(string output, int layer)
    {
        // The course's broken backprop computes db1 with 4/m instead of 1/m.
        var setup = MutationSetup.Create("tanh", output, lambda: 0.7, keepProb: 0.8);
        foreach (ref double g in setup.Architecture.Biases(setup.Analytic, layer))
        {
            g *= 4.0;
        }

        GradientCheckResult result = setup.Compare();

        AssertFailsAndBlames(result, p => p.Layer == layer && p.Column < 0, $"db{layer} times 4");
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("softmax")]
    public void Check_fails_and_names_the_one_weight_whose_gradient_is_half_again_too_large(string output)
    {
        var setup = MutationSetup.Create("elu", output, lambda: 0.0, keepProb: 1.0);
        Span<double> dW2 = setup.Architecture.Weights(setup.Analytic, 2);
        int largest = 0;
        for (int i = 1; i < dW2.Length; i++)
        {
            largest = Math.Abs(dW2[i]) > Math.Abs(dW2[largest]) ? i : largest;
        }

        dW2[largest] *= 1.5;
        ParameterPosition mutated = setup.Architecture.Locate(setup.Architecture.WeightOffset(2) + largest);

        GradientCheckResult result = setup.Compare();

        AssertFailsAndBlames(result, p => p == mutated, $"{mutated} times 1.5");
        Assert.Equal(mutated, result.Worst[0].Position);
    }

    [Theory]
    [InlineData("sigmoid")]
    [InlineData("softmax")]
    public void Check_fails_and_blames_the_weights_when_the_backward_pass_drops_the_L2_term(string output)
    {
        var setup = MutationSetup.Create("relu", output, lambda: 0.7, keepProb: 1.0, backwardLambda: 0.0);

        GradientCheckResult result = setup.Compare();

        AssertFailsAndBlames(result, p => p.Column >= 0, "L2 term dropped from dW");
    }

    [Theory]
    [InlineData("relu", "sigmoid")]
    [InlineData("relu", "softmax")]
    [InlineData("tanh", "sigmoid")]
    [InlineData("selu", "softmax")]
    public void Check_fails_and_blames_the_hidden_layers_when_the_backward_pass_ignores_the_dropout_mask(string activation, string output)
    {
        // Forward with dropout, backward as if there were none: dW_L still sees the dropped-out A_(L-1) and is
        // right, every layer below gets the gradient of units that were switched off.
        var setup = MutationSetup.Create(activation, output, lambda: 0.0, keepProb: 0.8, backwardDropout: false);
        int outputLayer = setup.Architecture.LayerCount;

        GradientCheckResult result = setup.Compare();

        AssertFailsAndBlames(result, p => p.Layer < outputLayer, "dropout mask ignored in backward");
    }

    [Theory]
    [MemberData(nameof(ActivationsAndOutputs))]
    public void Check_passes_for_zeros_initialization_where_every_derivative_is_zero(string activation, string output)
    {
        // Balanced classes make even the output bias gradient mean(A_L - Y) zero: the 0/0 case of the difference. A
        // linear output's A_L is 0, so its targets are centred on 0 instead (+-0.5).
        NetworkArchitecture architecture = Architecture(activation, output);
        int classes = Classes(output);
        int examples = 7 * classes;
        double shift = output == "linear" ? 0.5 : 0.0;
        double[] labels = Enumerable.Range(0, examples).Select(j => (j % classes) - shift).ToArray();
        var (features, _) = ReferenceData.Random(3, examples, classes, seed: 4);
        double[] parameters = ParameterInitialization.Create(architecture, InitializerRegistry.Create("zeros"), RandomSources.Create(RandomKind.Numpy, 2));
        var propagation = new Propagation(architecture, examples, withDropout: false);
        var gradient = new double[architecture.ParameterCount];
        propagation.Forward(parameters, features, examples, dropout: false);
        propagation.Backward(parameters, features, labels, examples, 0.7, dropout: false, gradient);

        GradientCheckResult result = GradientChecker.Check(
            architecture, parameters, features, labels, 0.7, 1.0, RandomSources.Create(RandomKind.Numpy, 3));

        Assert.True(gradient.All(g => Math.Abs(g) <= 1e-15), $"{architecture}: the zeros gradient has {gradient.Max(Math.Abs):R}");
        Assert.True(result.Passed, $"{architecture}: difference {result.Difference:R}; worst {Describe(result)}");
        Assert.Equal(0.0, result.Difference);
    }

    [Theory]
    [InlineData("relu", "sigmoid")]
    [InlineData("relu", "softmax")]
    [InlineData("leaky_relu", "sigmoid")]
    [InlineData("leaky_relu", "softmax")]
    [InlineData("elu", "sigmoid")]
    [InlineData("selu", "softmax")]
    public void Check_passes_for_a_saturated_output_where_the_naive_cost_is_infinite(string activation, string output)
    {
        // random:10 on raw inputs of magnitude 100: the logits reach 1e4 and more, A_L is exactly 0 or 1.
        NetworkArchitecture architecture = Architecture(activation, output);
        double[] parameters = ParameterInitialization.Create(architecture, InitializerRegistry.Create("random:10"), RandomSources.Create(RandomKind.Numpy, 2));
        var (features, labels) = ReferenceData.Random(3, Examples, Classes(output), seed: 5, scale: 100.0);

        var reference = new ReferenceNetwork(architecture);
        var referenceParameters = ReferenceParameters.FromFlat(architecture, parameters);
        double naiveCost = reference.Cost(
            referenceParameters,
            reference.Forward(referenceParameters, ReferenceNetwork.Inputs(features, 3, Examples)),
            reference.Targets(labels),
            0.0);
        Assert.True(double.IsPositiveInfinity(naiveCost), $"{architecture}: the output did not saturate (naive cost {naiveCost:R})");

        GradientCheckResult result = GradientChecker.Check(
            architecture, parameters, features, ReferenceData.Y(labels), 0.0, 1.0, RandomSources.Create(RandomKind.Numpy, 3));

        Assert.True(result.Passed, $"{architecture}: difference {result.Difference:R}; worst {Describe(result)}");
        Assert.True(result.Worst[0].Numeric != 0.0, $"{architecture}: the saturated network has no gradient at all");
    }

    [Fact]
    public void Check_passes_for_relu_when_every_first_layer_unit_is_off_for_an_example()
    {
        // Biases start at 0, so an example that switches off every unit of layer 1 has A1[:, j] = 0 and
        // Z2[:, j] = b2 = 0 exactly: each b2[i] sits on ReLU's kink for that example, and the centered difference
        // (J(b2 + eps) - J(b2 - eps)) / 2 eps sees half the one-sided slope that g'(0) = 0 leaves out.
        var architecture = new NetworkArchitecture([2, 3, 2, 1], ActivationRegistry.Create("relu"), OutputLayerRegistry.Create("sigmoid"));
        double[] parameters = ParameterInitialization.Create(architecture, InitializerRegistry.Create("he"), RandomSources.Create(RandomKind.Numpy, 2));
        foreach (ref double w in architecture.Weights(parameters, 1))
        {
            w = Math.Abs(w);
        }

        const int Count = 10;
        var (features, labels) = ReferenceData.Random(2, Count, 2, seed: 9);
        features[0] = -1.0;
        features[Count] = -1.0;
        var propagation = new Propagation(architecture, Count, withDropout: false);
        propagation.Forward(parameters, features, Count, dropout: false);
        ReadOnlySpan<double> z2 = propagation.Logits(2, Count);
        Assert.True(z2[0] == 0.0 && z2[Count] == 0.0, "example 0 should switch off all of layer 1 and leave Z2[:, 0] = 0");

        GradientCheckResult result = GradientChecker.Check(
            architecture, parameters, features, ReferenceData.Y(labels), 0.0, 1.0, RandomSources.Create(RandomKind.Numpy, 3));

        Assert.True(result.Passed, $"{architecture}: difference {result.Difference:R}; worst {Describe(result)}");
    }

    private static void AssertFailsAndBlames(GradientCheckResult result, Func<ParameterPosition, bool> mutated, string mutation)
    {
        Assert.False(result.Passed, $"{mutation}: the check passed with difference {result.Difference:R}");
        Assert.True(
            result.Difference > FailureFactor * result.Threshold,
            $"{mutation}: difference {result.Difference:R} is not far above the threshold {result.Threshold:R}");
        Assert.True(mutated(result.Worst[0].Position), $"{mutation}: the worst parameter is {result.Worst[0].Position}; worst {Describe(result)}");
        foreach (ParameterDiscrepancy discrepancy in result.Worst.Where(d => d.AbsoluteError > Significant))
        {
            Assert.True(mutated(discrepancy.Position), $"{mutation}: the check blames {discrepancy.Position}, which is right; worst {Describe(result)}");
        }
    }

    private static NetworkArchitecture Architecture(string activation, string output) =>
        new([3, 5, 4, output == "softmax" ? 3 : 1], ActivationRegistry.Create(activation), OutputLayerRegistry.Create(output));

    /// <summary>A linear output's targets are the values 0 and 1 (as a sigmoid's labels), softmax has three classes.</summary>
    private static int Classes(string output) => output == "softmax" ? 3 : 2;

    private static string Describe(GradientCheckResult result) =>
        string.Join(", ", result.Worst.Select(d => $"{d.Position} analytic {d.Analytic:R} numeric {d.Numeric:R}"));

    /// <summary>
    /// The engine's own analytic gradient (from <see cref="Propagation.Backward"/>, optionally with L2 or the dropout
    /// mask left out) next to the network's true cost, ready for a test to damage the gradient and compare.
    /// </summary>
    private sealed class MutationSetup
    {
        private readonly double[] _parameters;
        private readonly Func<double[], double> _cost;

        private MutationSetup(NetworkArchitecture architecture, double[] parameters, double[] analytic, Func<double[], double> cost)
        {
            Architecture = architecture;
            _parameters = parameters;
            Analytic = analytic;
            _cost = cost;
        }

        public NetworkArchitecture Architecture { get; }

        public double[] Analytic { get; }

        public static MutationSetup Create(
            string activation, string output, double lambda, double keepProb, double? backwardLambda = null, bool backwardDropout = true)
        {
            NetworkArchitecture architecture = Architecture(activation, output);
            double[] parameters = ParameterInitialization.Create(architecture, InitializerRegistry.Create("he"), RandomSources.Create(RandomKind.Numpy, 6));
            var (features, labels) = ReferenceData.Random(3, Examples, Classes(output), seed: 7);
            bool dropout = keepProb < 1.0;
            var propagation = new Propagation(architecture, Examples, dropout);
            if (dropout)
            {
                new Dropout(architecture, keepProb, DropoutMaskMode.Fixed, RandomSources.Create(RandomKind.Numpy, 8)).Prepare(propagation, Examples);
            }

            var analytic = new double[architecture.ParameterCount];
            propagation.Forward(parameters, features, Examples, dropout);
            propagation.Backward(parameters, features, ReferenceData.Y(labels), Examples, backwardLambda ?? lambda, dropout && backwardDropout, analytic);

            double Cost(double[] theta)
            {
                propagation.Forward(theta, features, Examples, dropout);
                return propagation.Cost(theta, ReferenceData.Y(labels), Examples, lambda);
            }

            var setup = new MutationSetup(architecture, parameters, analytic, Cost);
            if (backwardLambda is null && backwardDropout)
            {
                // Before any damage the same comparison passes, so a failure in the test is the damage's doing.
                GradientCheckResult undamaged = setup.Compare();
                Assert.True(undamaged.Passed, $"{architecture}: the undamaged gradient fails with {undamaged.Difference:R}");
            }

            return setup;
        }

        public GradientCheckResult Compare() =>
            GradientChecker.Compare(Architecture, _parameters, Analytic, _cost, new GradientCheckOptions());
    }
}
