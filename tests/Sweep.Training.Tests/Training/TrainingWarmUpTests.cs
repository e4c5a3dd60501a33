using Sweep.Training.Training;

namespace Sweep.Training.Tests.Training;

public sealed class TrainingWarmUpTests
{
    [Fact]
    public void Every_warm_up_network_trains_to_the_end_through_the_trial_path()
    {
        IReadOnlyList<TrialReport> reports = TrainingWarmUp.Run();

        Assert.Equal(4, reports.Count);
        Assert.All(reports, report => Assert.Equal(TrialStatus.Completed, report.Status));
        // The first takes the default path, gradient check included; the others skip it.
        Assert.True(reports[0].GradientCheck is { Passed: true });
        Assert.All(reports.Skip(1), report => Assert.Null(report.GradientCheck));
    }
}
