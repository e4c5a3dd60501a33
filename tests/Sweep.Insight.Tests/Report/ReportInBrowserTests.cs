using Sweep.Domain;
using Sweep.Insight.Report;
using Sweep.Insight.Tests.Browser;
using Xunit.Abstractions;

namespace Sweep.Insight.Tests.Report;

/// <summary>The report as a user opens it: in Chromium, with the network off, every chart drawn and no script error.</summary>
[Collection(ChromiumTestGroup.Name)]
public sealed class ReportInBrowserTests(ChromiumFixture fixture, ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sweep-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<PageRender> Open(IReadOnlyList<TrialResult> trials, string name)
    {
        string path = Path.Combine(_directory, name + ".html");
        await File.WriteAllTextAsync(path, SweepReport.Render(name, trials, TrialMetrics.TestAccuracy, higherIsBetter: true, Diagnosis.Of(trials, 2), ReportTrials.Boundaries()));
        PageRender render = await fixture.Chromium.RenderAsync(path, new RenderOptions { Timeout = TimeSpan.FromMinutes(2) });
        output.WriteLine($"{name}: {new FileInfo(path).Length:N0} bytes, drawn in {render.TimeToDraw.TotalMilliseconds:F0} ms | {render.Summary}");
        return render;
    }

    [Fact]
    public async Task Every_chart_of_a_small_sweep_draws_offline_without_a_script_error()
    {
        PageRender render = await Open(ReportTrials.Small(), "small");

        Assert.Equal(SweepReport.Charts.Select(c => "chart-" + c.Id), render.Charts.Select(c => c.Id));
        Assert.True(render.AllChartsDrawn, render.Summary);
        Assert.Empty(render.Errors);
        Assert.Empty(render.BlockedRequests);
    }

    [Fact]
    public async Task Every_chart_of_a_twenty_thousand_trial_sweep_draws_from_a_file_that_stays_small()
    {
        IReadOnlyList<TrialResult> trials = ReportTrials.Many(20_000);

        PageRender render = await Open(trials, "large");

        Assert.True(render.AllChartsDrawn, render.Summary);
        Assert.Empty(render.Errors);
        Assert.True(new FileInfo(Path.Combine(_directory, "large.html")).Length < 15_000_000, "the report of 20,000 trials is under 15 MB");
        // A bound that only a page drawing every point, or quadratic work, would break; the time itself is in the output.
        Assert.True(render.TimeToDraw < TimeSpan.FromSeconds(60), $"drawn in {render.TimeToDraw.TotalSeconds:F1} s");
    }
}
