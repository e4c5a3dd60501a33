using Sweep.Training.Activations;
using Sweep.Training.GradientChecking;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;

namespace Sweep.Training.Tests.Course;

// The course's N-dimensional gradient check: seed 1, X = randn(4,3), Y = [1,1,0], then W1, b1, W2, b2, W3, b3 all
// randn in that order; LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID; epsilon 1e-7 and the course's cost formula.
public class CourseGradientCheckTests
{
    private static readonly NetworkArchitecture Architecture = new([4, 5, 3, 1], new Relu(), new SigmoidCrossEntropy());
    private static readonly double[] Labels = [1, 1, 0];

    [Fact]
    public void The_course_broken_backprop_gives_the_published_difference()
    {
        var (features, parameters) = CourseCase();
        double[] gradient = Backprop(features, parameters);
        Scale(Architecture.Weights(gradient, 2), 2.0);
        Scale(Architecture.Biases(gradient, 1), 4.0);

        GradientCheckResult result = GradientChecker.Compare(Architecture, parameters, gradient, CourseCost(features), new GradientCheckOptions { Epsilon = 1e-7, Threshold = 2e-7 });

        Assert.Equal(0.2850931568, result.Difference, 1e-9);
        Assert.False(result.Passed);
        Assert.Contains(result.Worst, w => w.Position.Layer == 2 && w.Position.Column >= 0);
    }

    [Fact]
    public void The_course_case_with_a_correct_backprop_passes_the_course_threshold()
    {
        var (features, parameters) = CourseCase();

        GradientCheckResult result = GradientChecker.Compare(Architecture, parameters, Backprop(features, parameters), CourseCost(features), new GradientCheckOptions { Epsilon = 1e-7, Threshold = 2e-7 });

        Assert.True(result.Passed, $"difference {result.Difference}");
    }

    [Fact]
    public void The_course_case_passes_the_default_check_and_the_broken_one_fails_it()
    {
        var (features, parameters) = CourseCase();
        var options = new GradientCheckOptions();
        double[] gradient = Backprop(features, parameters);

        GradientCheckResult correct = GradientChecker.Compare(Architecture, parameters, gradient, CourseCost(features), options);
        Scale(Architecture.Weights(gradient, 2), 2.0);
        GradientCheckResult broken = GradientChecker.Compare(Architecture, parameters, gradient, CourseCost(features), options);

        Assert.True(correct.Passed, $"difference {correct.Difference}");
        Assert.True(correct.Difference < options.Threshold / 100, $"difference {correct.Difference} leaves less than a hundredfold margin");
        Assert.False(broken.Passed);
    }

    [Fact]
    public void The_check_on_the_network_itself_agrees_with_the_course_formulation()
    {
        var (features, parameters) = CourseCase();

        GradientCheckResult result = GradientChecker.Check(Architecture, parameters, features, Labels, 0.0, 1.0, new NumpyRandomState(1));

        Assert.True(result.Passed, $"difference {result.Difference}");
        Assert.Equal(3, result.ExamplesUsed);
        Assert.Equal(Architecture.ParameterCount, result.ParametersChecked);
    }

    private static (double[] Features, double[] Parameters) CourseCase()
    {
        var random = new NumpyRandomState(1);
        var features = new double[12];
        random.FillGaussian(features);
        var parameters = new double[Architecture.ParameterCount];
        random.FillGaussian(parameters);
        return (features, parameters);
    }

    private static double[] Backprop(double[] features, double[] parameters)
    {
        var propagation = new Propagation(Architecture, 3, withDropout: false);
        var gradient = new double[Architecture.ParameterCount];
        propagation.Forward(parameters, features, 3, dropout: false);
        propagation.Backward(parameters, features, Labels, 3, 0.0, dropout: false, gradient);
        return gradient;
    }

    // The course's cost: (1/m) sum(-y log(a) - (1-y) log(1-a)) on the sigmoid's output.
    private static Func<double[], double> CourseCost(double[] features)
    {
        var propagation = new Propagation(Architecture, 3, withDropout: false);
        return theta =>
        {
            propagation.Forward(theta, features, 3, dropout: false);
            ReadOnlySpan<double> a = propagation.Activations(3, 3);
            double sum = 0.0;
            for (int j = 0; j < 3; j++)
            {
                sum += -Math.Log(a[j]) * Labels[j] + -Math.Log(1 - a[j]) * (1 - Labels[j]);
            }

            return 1.0 / 3 * sum;
        };
    }

    private static void Scale(Span<double> values, double factor)
    {
        foreach (ref double value in values)
        {
            value *= factor;
        }
    }
}
