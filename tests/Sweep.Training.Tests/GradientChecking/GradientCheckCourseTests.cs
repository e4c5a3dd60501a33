using Sweep.Training.Activations;
using Sweep.Training.GradientChecking;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.GradientChecking;

/// <summary>
/// The course's N-dimensional gradient check: <c>np.random.seed(1)</c>, X = randn(4, 3), Y = [1, 1, 0], then W1 (5x4),
/// b1 (5x1), W2 (3x5), b2 (3x1), W3 (1x3), b3 (1x1) all randn in that order (the flat layout's order),
/// LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID, epsilon 1e-7.
/// </summary>
public sealed class GradientCheckCourseTests
{
    private const int Examples = 3;

    [Fact]
    public void Compare_reports_the_course_difference_for_its_deliberately_broken_backprop()
    {
        var course = CourseCase.Create();
        course.BreakAsTheCourseDoes();

        GradientCheckResult result = course.Compare(new GradientCheckOptions { Epsilon = 1e-7, Threshold = 2e-7 });

        Assert.Equal(0.2850931568, result.Difference, 1e-8);
        Assert.False(result.Passed);
    }

    [Fact]
    public void Compare_passes_the_correct_backprop_of_the_course_case_within_the_course_threshold()
    {
        var course = CourseCase.Create();

        GradientCheckResult result = course.Compare(new GradientCheckOptions { Epsilon = 1e-7, Threshold = 2e-7 });

        Assert.True(result.Passed, $"difference {result.Difference:R} at epsilon 1e-7, the course's threshold is 2e-7");
        Assert.True(result.Difference > 0.0, "a nonzero gradient compared at epsilon 1e-7 shows some rounding noise");
    }

    [Fact]
    public void Default_options_pass_the_correct_course_backprop_and_fail_the_broken_one_by_far()
    {
        var correct = CourseCase.Create();
        var broken = CourseCase.Create();
        broken.BreakAsTheCourseDoes();
        var defaults = new GradientCheckOptions();

        GradientCheckResult good = correct.Compare(defaults);
        GradientCheckResult bad = broken.Compare(defaults);

        Assert.True(good.Difference < defaults.Threshold / 10, $"correct backprop: difference {good.Difference:R}");
        Assert.True(bad.Difference > defaults.Threshold * 1000, $"broken backprop: difference {bad.Difference:R}");
        Assert.True(bad.Worst[0].AbsoluteError > 1e-6, $"the worst discrepancy is only {bad.Worst[0].AbsoluteError:R}");
        Assert.All(bad.Worst.Where(d => d.AbsoluteError > 1e-6), d => Assert.True(
            d.Position.Layer == 2 && d.Position.Column >= 0 || d.Position.Layer == 1 && d.Position.Column < 0,
            $"the course broke dW2 and db1, the check blames {d.Position}"));
    }

    private sealed class CourseCase
    {
        private readonly NetworkArchitecture _architecture;
        private readonly double[] _parameters;
        private readonly double[] _analytic;
        private readonly Func<double[], double> _cost;

        private CourseCase(NetworkArchitecture architecture, double[] parameters, double[] analytic, Func<double[], double> cost)
        {
            _architecture = architecture;
            _parameters = parameters;
            _analytic = analytic;
            _cost = cost;
        }

        public static CourseCase Create()
        {
            var architecture = new NetworkArchitecture([4, 5, 3, 1], ActivationRegistry.Create("relu"), OutputLayerRegistry.Create("sigmoid"));
            RandomSource random = RandomSources.Create(RandomKind.Numpy, 1);
            var features = new double[4 * Examples];
            random.FillGaussian(features);
            double[] labels = [1, 1, 0];
            var parameters = new double[architecture.ParameterCount];
            random.FillGaussian(parameters);

            var propagation = new Propagation(architecture, Examples, withDropout: false);
            var analytic = new double[architecture.ParameterCount];
            propagation.Forward(parameters, features, Examples, dropout: false);
            propagation.Backward(parameters, features, labels, Examples, 0.0, dropout: false, analytic);

            double Cost(double[] theta)
            {
                propagation.Forward(theta, features, Examples, dropout: false);
                return propagation.Cost(theta, labels, Examples, 0.0);
            }

            return new CourseCase(architecture, parameters, analytic, Cost);
        }

        /// <summary>The notebook's <c>dW2 = 1./m * np.dot(dZ2, A1.T) * 2</c> and <c>db1 = 4./m * np.sum(dZ1, ...)</c>.</summary>
        public void BreakAsTheCourseDoes()
        {
            foreach (ref double g in _architecture.Weights(_analytic, 2))
            {
                g *= 2.0;
            }

            foreach (ref double g in _architecture.Biases(_analytic, 1))
            {
                g *= 4.0;
            }
        }

        public GradientCheckResult Compare(GradientCheckOptions options) =>
            GradientChecker.Compare(_architecture, _parameters, _analytic, _cost, options);
    }
}
