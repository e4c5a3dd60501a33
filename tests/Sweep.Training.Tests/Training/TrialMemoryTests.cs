using Sweep.Training.Data;
using Sweep.Training.GradientChecking;
using Sweep.Training.Networks;
using Sweep.Training.Tests.Course;
using Sweep.Training.Training;

namespace Sweep.Training.Tests.Training;

public sealed class TrialMemoryTests
{
    [Fact]
    public void The_estimate_lies_between_the_largest_phase_and_everything_a_trial_allocates()
    {
        // A wide network on the course circles. A run allocates the parameters and every phase (training, then
        // evaluation) one after another; the estimate counts the parameters and only the largest phase, which is
        // what is alive at the peak. Here evaluation's chunks are two thirds of the run's allocation.
        DatasetSplit data = CourseData.Circles();
        var definition = new TrialDefinition
        {
            Hidden = [1000, 1000],
            Normalize = false,
            Training = new TrainingOptions { Iterations = 1, Optimizer = new() { Name = "adam" } },
            GradientCheck = null,
        };
        int[] sizes = [2, 1000, 1000, 1];
        TrialMemoryEstimate estimate = TrialMemory.Estimate(sizes, data.Train.ExampleCount, data.Test.ExampleCount, definition.Training, null, normalize: false);

        long before = GC.GetAllocatedBytesForCurrentThread();
        TrialReport report = TrialRunner.Run(definition, data);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long dataBytes = TrialMemory.DataBytes(2, data.Train.ExampleCount, data.Test.ExampleCount);

        Assert.Equal(TrialStatus.Completed, report.Status);
        Assert.InRange(estimate.Bytes - dataBytes, allocated * 0.6, allocated * 1.0);
    }

    [Fact]
    public void Adam_and_the_gradient_check_add_their_per_parameter_arrays()
    {
        int[] sizes = [2, 1000, 1000, 1];
        // 20,000 examples in one batch: training's activations outweigh evaluation's chunks, so training is the peak.
        long plain = TrialMemory.Estimate(sizes, 20_000, 100, new TrainingOptions(), null, normalize: false).Bytes;
        long adam = TrialMemory.Estimate(sizes, 20_000, 100, new TrainingOptions { Optimizer = new() { Name = "adam" } }, null, normalize: false).Bytes;
        TrialMemoryEstimate checkedTrial = TrialMemory.Estimate([2, 20_000, 20_000, 1], 300, 100, new TrainingOptions(), new GradientCheckOptions(), normalize: false);
        long uncheckedBytes = TrialMemory.Estimate([2, 20_000, 20_000, 1], 300, 100, new TrainingOptions(), null, normalize: false).Bytes;

        Assert.Equal(2 * 8 * NetworkArchitecture.CountParameters(sizes), adam - plain);
        Assert.InRange(checkedTrial.Bytes - uncheckedBytes, 8 * checkedTrial.Parameters, 10 * checkedTrial.Parameters);
    }

    [Fact]
    public void Validation_rows_count_in_the_data_and_the_estimate()
    {
        int[] sizes = [4, 10, 1];
        long withoutValidation = TrialMemory.Estimate(sizes, 800, 100, new TrainingOptions(), null, normalize: true).Bytes;
        long withValidation = TrialMemory.Estimate(sizes, 800, 100, new TrainingOptions(), null, normalize: true, validationExamples: 200).Bytes;

        Assert.Equal(((8 * 4) + 4) * 200, TrialMemory.DataBytes(4, 800, 100, 200) - TrialMemory.DataBytes(4, 800, 100));
        Assert.Equal(2 * ((8 * 4) + 4) * 200, withValidation - withoutValidation);
    }
}
