using MathNet.Numerics.LinearAlgebra;
using Sweep.Training.Activations;
using Sweep.Training.Data;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Reference;

/// <summary>
/// The reference checked on its own, without the engine's propagation: against the course's published costs
/// (computed by NumPy) and against centered differences of its own cost.
/// </summary>
public sealed class ReferenceNetworkTests
{
    public static TheoryData<string, string> ActivationsAndOutputs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (string activation in ActivationRegistry.Names)
            {
                data.Add(activation, "sigmoid");
                data.Add(activation, "softmax");
            }

            return data;
        }
    }

    [Theory]
    [InlineData("zeros", 0.6931471805599453)]
    [InlineData("he", 0.8830537463419761)]
    public void Reference_cost_at_iteration_zero_matches_the_course_initialization_experiment(string initialization, double courseCost)
    {
        Dataset circles = CsvDatasetReader.Read(DataFile("circles_train.csv"));
        var reference = Network([2, 10, 5, 1]);
        double[] parameters = CourseWeights(
            reference.Architecture, seed: 3, fanIn => initialization == "he" ? Math.Sqrt(2.0 / fanIn) : 0.0, divide: false);

        double cost = CostAtIterationZero(reference, parameters, circles, lambda: 0.0, masks: null);

        Assert.Equal(courseCost, cost, 1e-13);
    }

    [Theory]
    [InlineData(0.0, 1.0, 0.6557412523481002)]
    [InlineData(0.7, 1.0, 0.6974484493131264)]
    [InlineData(0.0, 0.86, 0.6543912405149825)]
    public void Reference_cost_at_iteration_zero_matches_the_course_regularization_experiment(double lambda, double keepProb, double courseCost)
    {
        Dataset football = CsvDatasetReader.Read(DataFile("football_train.csv"));
        var reference = Network([2, 20, 3, 1]);
        double[] parameters = CourseWeights(reference.Architecture, seed: 3, fanIn => Math.Sqrt(fanIn), divide: true);

        // The course re-seeds with 1 before the forward pass and draws rand(20, 211), then rand(3, 211).
        ReferenceDropoutMasks? masks = keepProb < 1.0
            ? ReferenceDropoutMasks.Draw(reference.Architecture, football.ExampleCount, keepProb, RandomSources.Create(RandomKind.Numpy, 1))
            : null;
        double cost = CostAtIterationZero(reference, parameters, football, lambda, masks);

        Assert.Equal(courseCost, cost, 1e-13);
    }

    [Theory]
    [MemberData(nameof(ActivationsAndOutputs))]
    public void Reference_gradient_matches_centered_differences_of_the_reference_cost(string activation, string output)
    {
        int[] sizes = output == "sigmoid" ? [3, 5, 4, 1] : [3, 5, 4, 3];
        var architecture = new NetworkArchitecture(sizes, ActivationRegistry.Create(activation), OutputLayerRegistry.Create(output));

        var reference = new ReferenceNetwork(architecture);
        int classes = output == "sigmoid" ? 2 : 3;
        var (features, labels) = ReferenceData.Random(3, 15, classes, seed: 7);
        Matrix<double> x = ReferenceNetwork.Inputs(features, 3, 15);
        Matrix<double> y = reference.Targets(labels);
        var theta = new double[architecture.ParameterCount];
        RandomSources.Create(RandomKind.Numpy, 8).FillGaussian(theta);
        ReferenceDropoutMasks masks = ReferenceDropoutMasks.Draw(architecture, 15, 0.8, RandomSources.Create(RandomKind.Numpy, 9));
        const double Lambda = 0.7;

        double Cost(double[] t)
        {
            var p = ReferenceParameters.FromFlat(architecture, t);
            return reference.Cost(p, reference.Forward(p, x, masks), y, Lambda);
        }

        var parameters = ReferenceParameters.FromFlat(architecture, theta);
        double[] analytic = reference.Backward(parameters, reference.Forward(parameters, x, masks), y, Lambda, masks).ToFlat(architecture);

        // Centered differences at epsilon 1e-5: rounding noise about 1e-16 / 1e-5, truncation about 1e-10.
        const double Epsilon = 1e-5;
        double errorSquares = 0.0, analyticSquares = 0.0, numericSquares = 0.0;
        for (int i = 0; i < theta.Length; i++)
        {
            double original = theta[i];
            theta[i] = original + Epsilon;
            double plus = Cost(theta);
            theta[i] = original - Epsilon;
            double minus = Cost(theta);
            theta[i] = original;
            double numeric = (plus - minus) / (2 * Epsilon);
            errorSquares += (analytic[i] - numeric) * (analytic[i] - numeric);
            analyticSquares += analytic[i] * analytic[i];
            numericSquares += numeric * numeric;
        }

        double difference = Math.Sqrt(errorSquares) / (Math.Sqrt(analyticSquares) + Math.Sqrt(numericSquares));
        Assert.True(difference < 1e-7, $"{activation} -> {output}: the reference's gradient differs from centered differences by {difference}");
    }

    [Fact]
    public void Reference_parameters_round_trip_through_the_flat_layout()
    {
        var architecture = new NetworkArchitecture([4, 3, 2], ActivationRegistry.Create("relu"), OutputLayerRegistry.Create("softmax"));
        double[] flat = Enumerable.Range(0, architecture.ParameterCount).Select(i => (double)i).ToArray();

        var parameters = ReferenceParameters.FromFlat(architecture, flat);

        // W1 is 3 x 4 at the start of the vector, b1 follows it, then W2 (2 x 3) and b2.
        Assert.Equal(4.0, parameters.W(1)[1, 0]);
        Assert.Equal(13.0, parameters.b(1)[1, 0]);
        Assert.Equal(15.0 + 3.0 + 2.0, parameters.W(2)[1, 2]);
        Assert.Equal(21.0 + 1.0, parameters.b(2)[1, 0]);
        Assert.Equal(flat, parameters.ToFlat(architecture));
    }

    private static ReferenceNetwork Network(int[] sizes) =>
        new(new NetworkArchitecture(sizes, ActivationRegistry.Create("relu"), OutputLayerRegistry.Create("sigmoid")));

    private static double CostAtIterationZero(ReferenceNetwork reference, double[] flat, Dataset data, double lambda, ReferenceDropoutMasks? masks)
    {
        var parameters = ReferenceParameters.FromFlat(reference.Architecture, flat);
        Matrix<double> x = ReferenceNetwork.Inputs(data.Features, data.FeatureCount, data.ExampleCount);
        Matrix<double> y = reference.Targets(data.Labels);
        return reference.Cost(parameters, reference.Forward(parameters, x, masks), y, lambda);
    }

    /// <summary>
    /// The course's initialization: <c>np.random.seed(seed)</c>, then for l = 1..L
    /// <c>W_l = randn(n_l, n_(l-1)) * factor(n_(l-1))</c> (or divided by it), biases 0.
    /// </summary>
    private static double[] CourseWeights(NetworkArchitecture architecture, int seed, Func<int, double> factor, bool divide)
    {
        RandomSource random = RandomSources.Create(RandomKind.Numpy, seed);
        var parameters = new double[architecture.ParameterCount];
        for (int l = 1; l <= architecture.LayerCount; l++)
        {
            Span<double> weights = architecture.Weights(parameters, l);
            double f = factor(architecture.Units(l - 1));
            for (int i = 0; i < weights.Length; i++)
            {
                double draw = random.NextGaussian();
                weights[i] = divide ? draw / f : draw * f;
            }
        }

        return parameters;
    }

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);
}
