using MathNet.Numerics.LinearAlgebra;
using Sweep.Training.Activations;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Regularization;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Reference;

/// <summary>
/// The fast engine against <see cref="ReferenceNetwork"/>: forward pass, cost, gradient and 100 iterations of
/// full-batch gradient descent agree to 1e-12 relative to each array's largest entry
/// (<c>|engine_i - reference_i| &lt;= 1e-12 * max_i |reference_i|</c>, see <see cref="ReferenceComparison"/>), on
/// shapes with and without hidden layers, sigmoid and softmax outputs, every hidden activation, L2 and dropout.
/// </summary>
public sealed class ReferenceAgreementTests
{
    private const int TrainingIterations = 100;
    private const int RecordEvery = 10;

    private static readonly Dictionary<string, AgreementCase> Cases = new()
    {
        ["[2,10,5,1] relu x300"] = new([2, 10, 5, 1], 300, "relu", "sigmoid", "he", 0.0, 1.0, DropoutMaskMode.Fixed, 0.05, 11),
        ["[2,10,5,1] relu x300 L2 0.7"] = new([2, 10, 5, 1], 300, "relu", "sigmoid", "he", 0.7, 1.0, DropoutMaskMode.Fixed, 0.05, 12),
        ["[2,10,5,1] relu x300 fixed dropout 0.86"] = new([2, 10, 5, 1], 300, "relu", "sigmoid", "lecun", 0.0, 0.86, DropoutMaskMode.Fixed, 0.05, 13),
        ["[2,10,5,1] leaky_relu x300 fresh dropout 0.8 L2 0.2"] = new([2, 10, 5, 1], 300, "leaky_relu", "sigmoid", "he", 0.2, 0.8, DropoutMaskMode.Fresh, 0.05, 14),
        ["[3,7,1] tanh x17 L2 0.1"] = new([3, 7, 1], 17, "tanh", "sigmoid", "xavier", 0.1, 1.0, DropoutMaskMode.Fixed, 0.3, 15),
        ["[3,7,1] sigmoid x17 fresh dropout 0.7"] = new([3, 7, 1], 17, "sigmoid", "sigmoid", "glorot_uniform", 0.0, 0.7, DropoutMaskMode.Fresh, 0.3, 16),
        ["[5,9,4,3] elu softmax x33"] = new([5, 9, 4, 3], 33, "elu", "softmax", "he_uniform", 0.0, 1.0, DropoutMaskMode.Fixed, 0.1, 17),
        ["[5,9,4,3] selu softmax x33 L2 0.3 fixed dropout 0.75"] = new([5, 9, 4, 3], 33, "selu", "softmax", "lecun_uniform", 0.3, 0.75, DropoutMaskMode.Fixed, 0.1, 18),
        ["[4,6,6,2] leaky_relu softmax x29 fresh dropout 0.9"] = new([4, 6, 6, 2], 29, "leaky_relu", "softmax", "he", 0.0, 0.9, DropoutMaskMode.Fresh, 0.1, 19),
        ["[100,256,256,1] relu x64 L2 0.1 fresh dropout 0.9"] = new([100, 256, 256, 1], 64, "relu", "sigmoid", "he", 0.1, 0.9, DropoutMaskMode.Fresh, 0.01, 20),
        ["[13,1] x1"] = new([13, 1], 1, "relu", "sigmoid", "lecun", 0.0, 1.0, DropoutMaskMode.Fixed, 0.5, 21),
        ["[13,1] x1 L2 0.5 dropout 0.5 (no hidden layer to drop)"] = new([13, 1], 1, "tanh", "sigmoid", "he", 0.5, 0.5, DropoutMaskMode.Fresh, 0.5, 22),
    };

    public static TheoryData<string> CaseNames
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (string name in Cases.Keys)
            {
                names.Add(name);
            }

            return names;
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Forward_pass_matches_the_reference_layer_by_layer(string name)
    {
        var setup = Setup.For(Cases[name]);
        var (propagation, masks) = setup.EngineWorkspace();
        propagation.Forward(setup.Parameters, setup.Features, setup.Examples, setup.UsesDropout);

        ReferenceNetwork.ForwardPass pass = setup.Reference.Forward(setup.ReferenceParameters, setup.X, masks);

        for (int l = 1; l <= setup.Architecture.LayerCount; l++)
        {
            ReferenceComparison.AssertClose(pass.Z[l].ToRowMajorArray(), propagation.Logits(l, setup.Examples), $"{name}: Z{l}");
            ReferenceComparison.AssertClose(pass.A[l].ToRowMajorArray(), propagation.Activations(l, setup.Examples), $"{name}: A{l}");
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Cost_matches_the_reference(string name)
    {
        var setup = Setup.For(Cases[name]);
        var (propagation, masks) = setup.EngineWorkspace();
        propagation.Forward(setup.Parameters, setup.Features, setup.Examples, setup.UsesDropout);
        double engine = propagation.Cost(setup.Parameters, ReferenceData.Y(setup.Labels), setup.Examples, setup.Case.L2);

        ReferenceNetwork.ForwardPass pass = setup.Reference.Forward(setup.ReferenceParameters, setup.X, masks);
        double reference = setup.Reference.Cost(setup.ReferenceParameters, pass, setup.Y, setup.Case.L2);

        ReferenceComparison.AssertClose([reference], [engine], $"{name}: cost");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Gradient_matches_the_reference_for_every_weight_and_bias(string name)
    {
        var setup = Setup.For(Cases[name]);
        var (propagation, masks) = setup.EngineWorkspace();
        var gradient = new double[setup.Architecture.ParameterCount];
        Array.Fill(gradient, double.NaN);
        propagation.Forward(setup.Parameters, setup.Features, setup.Examples, setup.UsesDropout);
        propagation.Backward(setup.Parameters, setup.Features, ReferenceData.Y(setup.Labels), setup.Examples, setup.Case.L2, setup.UsesDropout, gradient);

        ReferenceNetwork.ForwardPass pass = setup.Reference.Forward(setup.ReferenceParameters, setup.X, masks);
        ReferenceParameters expected = setup.Reference.Backward(setup.ReferenceParameters, pass, setup.Y, setup.Case.L2, masks);

        AssertLayersClose(setup.Architecture, expected.ToFlat(setup.Architecture), gradient, $"{name}: d");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Hundred_iterations_of_gradient_descent_end_at_the_reference_parameters(string name)
    {
        var setup = Setup.For(Cases[name]);
        AgreementCase c = setup.Case;
        var options = new TrainingOptions
        {
            Iterations = TrainingIterations,
            LearningRate = c.LearningRate,
            RecordEvery = RecordEvery,
            L2Lambda = c.L2,
            KeepProb = c.KeepProb,
            DropoutMasks = c.Masks,
            Random = RandomKind.Numpy,
            Seed = c.Seed,
            DropoutSeed = setup.DropoutSeed,
        };
        var engineParameters = (double[])setup.Parameters.Clone();
        TrainingResult result = new Trainer(setup.Architecture, options, setup.Features, ReferenceData.Y(setup.Labels)).Train(engineParameters);

        // The engine's masks come from Dropout over a stream seeded with DropoutSeed: drawn once (fixed) or at every
        // iteration (fresh), hidden layers in order, row-major. The reference draws the same way from its own stream.
        RandomSource maskStream = RandomSources.Create(RandomKind.Numpy, setup.DropoutSeed);
        ReferenceDropoutMasks? fixedMasks = null;
        ReferenceDropoutMasks? MasksAt(int iteration)
        {
            if (!setup.UsesDropout)
            {
                return null;
            }

            if (c.Masks == DropoutMaskMode.Fixed)
            {
                return fixedMasks ??= ReferenceDropoutMasks.Draw(setup.Architecture, setup.Examples, c.KeepProb, maskStream);
            }

            return ReferenceDropoutMasks.Draw(setup.Architecture, setup.Examples, c.KeepProb, maskStream);
        }

        ReferenceNetwork.TrainingRun reference = setup.Reference.Train(
            setup.Parameters, setup.X, setup.Y, c.LearningRate, TrainingIterations, c.L2, RecordEvery, MasksAt);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(TrainingIterations, result.IterationsRun);
        Assert.Equal(reference.Costs.Select(r => r.Iteration), result.Records.Select(r => r.Iteration));
        ReferenceComparison.AssertClose(
            reference.Costs.Select(r => r.Cost).ToArray(), result.Records.Select(r => r.Cost).ToArray(), $"{name}: recorded costs");
        AssertLayersClose(setup.Architecture, reference.Parameters, engineParameters, $"{name}: trained ");

        // Training must have moved the parameters, or the comparison above would only restate the initialization.
        double moved = reference.Parameters.Zip(setup.Parameters, (after, before) => Math.Abs(after - before)).Max();
        Assert.True(moved > 1e-6, $"{name}: training moved no parameter by more than {moved}");
    }

    [Theory]
    [InlineData(DropoutMaskMode.Fixed)]
    [InlineData(DropoutMaskMode.Fresh)]
    public void Dropout_draws_the_masks_of_numpy_rand_below_keep_prob_layer_by_layer(DropoutMaskMode mode)
    {
        var architecture = new NetworkArchitecture([3, 6, 5, 4, 1], ActivationRegistry.Create("relu"), OutputLayerRegistry.Create("sigmoid"));
        const int Examples = 23;
        const double KeepProb = 0.7;
        var propagation = new Propagation(architecture, Examples, withDropout: true);
        var dropout = new Dropout(architecture, KeepProb, mode, RandomSources.Create(RandomKind.Numpy, 5));
        RandomSource referenceStream = RandomSources.Create(RandomKind.Numpy, 5);

        dropout.Prepare(propagation, Examples);
        ReferenceDropoutMasks first = ReferenceDropoutMasks.Draw(architecture, Examples, KeepProb, referenceStream);
        AssertMasksEqual(architecture, first, propagation, Examples, "first iteration");

        dropout.Prepare(propagation, Examples);
        ReferenceDropoutMasks second = mode == DropoutMaskMode.Fixed
            ? first
            : ReferenceDropoutMasks.Draw(architecture, Examples, KeepProb, referenceStream);
        AssertMasksEqual(architecture, second, propagation, Examples, "second iteration");
        if (mode == DropoutMaskMode.Fresh)
        {
            Assert.NotEqual(first.D(1).ToRowMajorArray(), second.D(1).ToRowMajorArray());
        }
    }

    private static void AssertMasksEqual(NetworkArchitecture architecture, ReferenceDropoutMasks expected, Propagation propagation, int examples, string when)
    {
        for (int l = 1; l < architecture.LayerCount; l++)
        {
            double[] reference = expected.D(l).ToRowMajorArray();
            double[] engine = propagation.Mask(l, examples).ToArray();
            Assert.True(reference.SequenceEqual(engine), $"{when}: the mask of hidden layer {l} differs from rand(n_l, m) < keep_prob");
            Assert.Contains(0.0, engine);
        }
    }

    /// <summary>Compares W_l and b_l block by block, each block on its own scale.</summary>
    private static void AssertLayersClose(NetworkArchitecture architecture, double[] expected, double[] actual, string what)
    {
        for (int l = 1; l <= architecture.LayerCount; l++)
        {
            ReferenceComparison.AssertClose(architecture.Weights(expected, l), architecture.Weights(actual, l), $"{what}W{l}");
            ReferenceComparison.AssertClose(architecture.Biases(expected, l), architecture.Biases(actual, l), $"{what}b{l}");
        }
    }

    /// <summary>One agreement scenario: the network, its data, its initialization and its regularization.</summary>
    private sealed record AgreementCase(
        int[] Sizes,
        int Examples,
        string Activation,
        string Output,
        string Initializer,
        double L2,
        double KeepProb,
        DropoutMaskMode Masks,
        double LearningRate,
        int Seed);

    /// <summary>A case made concrete: architecture, seeded data and parameters, for the engine and the reference.</summary>
    private sealed class Setup
    {
        private Setup(AgreementCase c)
        {
            Case = c;
            Architecture = new NetworkArchitecture(c.Sizes, ActivationRegistry.Create(c.Activation), OutputLayerRegistry.Create(c.Output));
            Reference = new ReferenceNetwork(Architecture);
            int classes = c.Output == "sigmoid" ? 2 : c.Sizes[^1];
            (Features, Labels) = ReferenceData.Random(c.Sizes[0], c.Examples, classes, c.Seed);
            Parameters = ParameterInitialization.Create(
                Architecture, InitializerRegistry.Create(c.Initializer), RandomSources.Create(RandomKind.Numpy, c.Seed + 1000));

            // Biases start at 0; give them values so that the b terms of the forward pass are exercised too.
            RandomSource biases = RandomSources.Create(RandomKind.Numpy, c.Seed + 2000);
            for (int l = 1; l <= Architecture.LayerCount; l++)
            {
                Span<double> b = Architecture.Biases(Parameters, l);
                for (int i = 0; i < b.Length; i++)
                {
                    b[i] = 0.1 * biases.NextGaussian();
                }
            }

            ReferenceParameters = ReferenceParameters.FromFlat(Architecture, Parameters);
            X = ReferenceNetwork.Inputs(Features, c.Sizes[0], c.Examples);
            Y = Reference.Targets(Labels);
        }

        public AgreementCase Case { get; }

        public NetworkArchitecture Architecture { get; }

        public ReferenceNetwork Reference { get; }

        public double[] Features { get; }

        public int[] Labels { get; }

        public double[] Parameters { get; }

        public ReferenceParameters ReferenceParameters { get; }

        public Matrix<double> X { get; }

        public Matrix<double> Y { get; }

        public int Examples => Case.Examples;

        public bool UsesDropout => Case.KeepProb < 1.0;

        public int DropoutSeed => Case.Seed + 3000;

        public static Setup For(AgreementCase c) => new(c);

        /// <summary>A workspace with fixed masks drawn by the engine's Dropout, and the same masks for the reference.</summary>
        public (Propagation Propagation, ReferenceDropoutMasks? Masks) EngineWorkspace()
        {
            var propagation = new Propagation(Architecture, Examples, UsesDropout);
            if (!UsesDropout)
            {
                return (propagation, null);
            }

            new Dropout(Architecture, Case.KeepProb, DropoutMaskMode.Fixed, RandomSources.Create(RandomKind.Numpy, DropoutSeed))
                .Prepare(propagation, Examples);
            return (propagation, ReferenceDropoutMasks.FromEngine(Architecture, propagation, Examples));
        }
    }
}
