using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Sweep.Protocol.Messages.Queries;

namespace Sweep.Cli.Output;

/// <summary>
/// Shows how a running sweep stands: done, running, queued and failed counts, trials per minute, the ETA, the best
/// trial so far and the connected workers. A live panel on a terminal; plain timestamped lines otherwise.
/// </summary>
internal sealed class ProgressView
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(2);

    // A local ask, for the live counts; the end of the sweep arrives on its own (Follow's end), not with the next poll.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly string _metric;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _lastLine;
    private TimeSpan? _lastPrinted;

    public ProgressView(string metric) => _metric = metric;

    /// <summary>
    /// Polls <paramref name="fetch"/> until the sweep finishes or halts, or <paramref name="cancellation"/> fires;
    /// returns the last status. <paramref name="end"/>, the coordinator's answer when the sweep ends, cuts the wait for
    /// the next poll short; one that fails leaves the polls to see the end.
    /// </summary>
    public async Task<FetchSweepStatusResponse?> Follow(
        Func<Task<FetchSweepStatusResponse?>> fetch, Task<FetchSweepStatusResponse> end, CancellationToken cancellation)
    {
        FetchSweepStatusResponse? status = null;
        if (Terminal.IsInteractive)
        {
            await Terminal.Out.Live(new Text("starting...")).StartAsync(async live =>
            {
                while (!cancellation.IsCancellationRequested)
                {
                    status = (end.IsCompletedSuccessfully ? end.Result : await fetch()) ?? status;
                    if (status is not null)
                    {
                        live.UpdateTarget(Panel(status));
                        if (status.Finished || status.Halted is not null)
                        {
                            return;
                        }
                    }

                    await Pause(end, cancellation);
                }
            });
            return status;
        }

        while (!cancellation.IsCancellationRequested)
        {
            status = (end.IsCompletedSuccessfully ? end.Result : await fetch()) ?? status;
            if (status is not null)
            {
                PrintPlain(status);
                if (status.Finished || status.Halted is not null)
                {
                    break;
                }
            }

            await Pause(end, cancellation);
        }

        return status;
    }

    private static async Task Pause(Task end, CancellationToken cancellation)
    {
        Task poll = Delay(PollInterval, cancellation);
        await (end.IsCompleted ? poll : Task.WhenAny(poll, end));
    }

    private static async Task Delay(TimeSpan delay, CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(delay, cancellation);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void PrintPlain(FetchSweepStatusResponse status)
    {
        string line = Summary(status);
        bool due = _lastPrinted is null || _clock.Elapsed - _lastPrinted >= PlainInterval;
        if (status.Finished || (due && line != _lastLine))
        {
            Terminal.Out.WriteLine(FormattableString.Invariant($"[{DateTime.Now:HH:mm:ss}] {line}"));
            _lastLine = line;
            _lastPrinted = _clock.Elapsed;
        }
    }

    private string Summary(FetchSweepStatusResponse s)
    {
        int doneNow = s.Completed + s.GradientCheckFailed + s.Diverged + s.Failed;
        int done = s.Resumed + doneNow;
        double minutes = _clock.Elapsed.TotalMinutes;
        double rate = minutes > 0 ? doneNow / minutes : 0;
        string eta = rate > 0 && !s.Finished ? FormatDuration(TimeSpan.FromMinutes((s.Total - s.Resumed - doneNow) / rate)) : "-";
        string best = Best(s);
        string workers = s.Workers.Count == 0 ? "none" : string.Join(", ", s.Workers.Select(w => $"{w.Node} {w.Running}/{w.Slots}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{s.Sweep}: {done}/{s.Total} done ({s.Resumed} resumed, {s.Completed} completed, {s.GradientCheckFailed} gradcheck_failed, {s.Diverged} diverged, {s.Failed} failed), {s.Running} running, {s.Queued} queued | {rate:F1} trials/min, ETA {eta} | best {best} | workers: {workers}");
    }

    /// <summary>The best trial, or with repeats the best configuration and its mean over its seeds.</summary>
    private string Best(FetchSweepStatusResponse s) => s.BestTrialId is null
        ? "-"
        : s.BestSeeds > 1
            ? string.Create(CultureInfo.InvariantCulture, $"configuration {s.BestConfigurationId} ({_metric} mean {s.BestMetric:G6} over {s.BestSeeds} seeds)")
            : string.Create(CultureInfo.InvariantCulture, $"{s.BestTrialId} ({_metric} {s.BestMetric:G6})");

    private Panel Panel(FetchSweepStatusResponse s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        int doneNow = s.Completed + s.GradientCheckFailed + s.Diverged + s.Failed;
        double minutes = _clock.Elapsed.TotalMinutes;
        double rate = minutes > 0 ? doneNow / minutes : 0;
        string eta = rate > 0 && !s.Finished ? FormatDuration(TimeSpan.FromMinutes((s.Total - s.Resumed - doneNow) / rate)) : "-";
        grid.AddRow("done", string.Create(CultureInfo.InvariantCulture, $"{s.Resumed + doneNow}/{s.Total}  ({s.Resumed} resumed)"));
        grid.AddRow("outcomes", string.Create(CultureInfo.InvariantCulture, $"[green]{s.Completed} completed[/]  [yellow]{s.GradientCheckFailed} gradcheck_failed[/]  [yellow]{s.Diverged} diverged[/]  [red]{s.Failed} failed[/]"));
        grid.AddRow("running / queued", string.Create(CultureInfo.InvariantCulture, $"{s.Running} / {s.Queued}"));
        grid.AddRow("speed", string.Create(CultureInfo.InvariantCulture, $"{rate:F1} trials/min, ETA {eta}"));
        grid.AddRow("best", Markup.Escape(Best(s)));
        grid.AddRow("workers", Markup.Escape(s.Workers.Count == 0 ? "none" : string.Join(", ", s.Workers.Select(w => $"{w.Node} {w.Running}/{w.Slots}"))));
        return new Panel(grid).Header(Markup.Escape($"sweep {s.Sweep}"));
    }

    private static string FormatDuration(TimeSpan duration) =>
        duration.TotalHours >= 1 ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : duration.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
