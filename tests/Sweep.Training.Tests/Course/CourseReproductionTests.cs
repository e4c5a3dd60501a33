using Sweep.Training.Activations;
using Sweep.Training.Data;
using Sweep.Training.Initializers;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Regularization;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Course;

// The course's published results (shared/reference/course-reference.md): accuracies exactly, costs at the checkpoints
// to 1e-9. Inputs are raw, as in the course; weights come from the numpy generator.
public class CourseReproductionTests
{
    public static TheoryData<string, double, double, int, double> InitializationRows => new()
    {
        { "zeros", 0.5, 0.5, 14000, 0.6931471805599453 },
        { "he", 0.9933333333333333, 0.96, 14000, 0.07357895962677362 },
    };

    [Theory]
    [MemberData(nameof(InitializationRows))]
    public void Initialization_experiment_reproduces_the_course_row(string initializer, double trainAccuracy, double testAccuracy, int checkpoint, double checkpointCost)
    {
        var (result, train, test) = RunInitialization(initializer);

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.Equal(trainAccuracy, train.Accuracy);
        Assert.Equal(testAccuracy, test.Accuracy);
        Assert.Equal(checkpointCost, CostAt(result, checkpoint), 1e-9);
    }

    [Fact]
    public void Initialization_experiment_cost_at_iteration_0_matches_the_course()
    {
        Assert.Equal(0.6931471805599453, CostAt(RunInitialization("zeros", iterations: 1).Result, 0), 1e-9);
        Assert.Equal(0.8830537463419761, CostAt(RunInitialization("he", iterations: 1).Result, 0), 1e-9);
    }

    [Fact]
    public void Random_times_10_initialization_trains_through_its_saturated_start_to_the_course_accuracies()
    {
        var (result, train, test) = RunInitialization("random:10");

        Assert.Equal(TrainingOutcome.Completed, result.Outcome);
        Assert.True(double.IsFinite(CostAt(result, 0)), "the cost from the logits stays finite where log(0) would be infinite");
        Assert.Equal(0.83, train.Accuracy);
        Assert.Equal(0.86, test.Accuracy);
        Assert.Equal(0.3828, CostAt(result, 14000), 1e-2);
    }

    [Fact]
    public void Zeros_initialization_is_flagged_as_symmetric_with_no_gradient_flow()
    {
        var record = RunInitialization("zeros", iterations: 1).Result.Records[0];

        Assert.True(record.SymmetricUnits);
        Assert.Equal(Sweep.Training.Diagnostics.GradientFlow.NoGradient, record.GradientFlow);
    }

    public static TheoryData<double, double, DropoutMaskMode, double, double, double, double, double> RegularizationRows => new()
    {
        { 0.0, 1.0, DropoutMaskMode.Fresh, 0.9478672985781991, 0.915, 0.6557412523481002, 0.16329987525724213, 0.13851642423245572 },
        { 0.7, 1.0, DropoutMaskMode.Fresh, 0.9383886255924171, 0.93, 0.6974484493131264, 0.26849188732822393, 0.2680916337127301 },
        { 0.0, 0.86, DropoutMaskMode.Fixed, 0.9289099526066351, 0.95, 0.6543912405149825, 0.0610169865749056, 0.060582435798513114 },
    };

    [Theory]
    [MemberData(nameof(RegularizationRows))]
    public void Regularization_experiment_reproduces_the_course_row(
        double lambda, double keepProb, DropoutMaskMode masks, double trainAccuracy, double testAccuracy, double cost0, double cost10000, double cost20000)
    {
        DatasetSplit data = CourseData.Football();
        var architecture = new NetworkArchitecture([2, 20, 3, 1], new Relu(), new SigmoidCrossEntropy());
        var options = new TrainingOptions
        {
            Iterations = 30000,
            LearningRate = 0.3,
            RecordEvery = 10000,
            L2Lambda = lambda,
            KeepProb = keepProb,
            DropoutMasks = masks,
            Random = RandomKind.Numpy,
            Seed = 3,
            DropoutSeed = 1,
        };
        double[] parameters = ParameterInitialization.Create(architecture, new LeCunNormal(), new NumpyRandomState(3));

        TrainingResult result = new Trainer(architecture, options, data.Train.Features, data.Train.Targets).Train(parameters);
        var evaluator = new NetworkEvaluator(architecture);

        Assert.Equal(trainAccuracy, evaluator.Evaluate(result.Parameters, data.Train.Features, data.Train.Targets).Accuracy);
        Assert.Equal(testAccuracy, evaluator.Evaluate(result.Parameters, data.Test.Features, data.Test.Targets).Accuracy);
        Assert.Equal(cost0, CostAt(result, 0), 1e-9);
        Assert.Equal(cost10000, CostAt(result, 10000), 1e-9);
        Assert.Equal(cost20000, CostAt(result, 20000), 1e-9);
    }

    private static (TrainingResult Result, Evaluation Train, Evaluation Test) RunInitialization(string initializer, int iterations = 15000)
    {
        DatasetSplit data = CourseData.Circles();
        var architecture = new NetworkArchitecture([2, 10, 5, 1], new Relu(), new SigmoidCrossEntropy());
        var options = new TrainingOptions { Iterations = iterations, LearningRate = 0.01, RecordEvery = 1000, Random = RandomKind.Numpy, Seed = 3 };
        double[] parameters = ParameterInitialization.Create(architecture, InitializerRegistry.Create(initializer), new NumpyRandomState(3));

        TrainingResult result = new Trainer(architecture, options, data.Train.Features, data.Train.Targets).Train(parameters);
        var evaluator = new NetworkEvaluator(architecture);
        return (result, evaluator.Evaluate(result.Parameters, data.Train.Features, data.Train.Targets),
            evaluator.Evaluate(result.Parameters, data.Test.Features, data.Test.Targets));
    }

    private static double CostAt(TrainingResult result, int iteration) =>
        result.Records.Single(r => r.Iteration == iteration).Cost;
}
