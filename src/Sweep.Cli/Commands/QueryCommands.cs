using Spectre.Console;
using System.CommandLine;
using Sweep.Cli.Output;
using Sweep.Storage;
using Sweep.Domain;
using Sweep.Search.Ranking;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep best</c>, <c>trials</c>, <c>show</c> and <c>export-model</c>: read the store, during a sweep (from another
/// terminal) or after it.
/// </summary>
internal static class QueryCommands
{
    public static Command Best()
    {
        Option<string> database = CommonOptions.Database();
        Option<string?> sweep = CommonOptions.SweepName();
        Option<int> top = CommonOptions.WithEnvironment(new Option<int>("--top") { Description = "How many. Env: SWEEP_TOP" }, "SWEEP_TOP", 5);
        Option<bool> json = CommonOptions.Json();
        var trials = new Option<bool>("--trials") { Description = "Rank single trials, even when configurations were trained with several seeds" };
        var command = new Command("best", "The best configurations (mean over their seeds) or trials, by the sweep's metric") { database, sweep, top, json, trials };
        command.SetAction(parse =>
        {
            int count = parse.GetValue(top);
            if (count < 1)
            {
                throw new CliException($"--top must be at least 1: how many of the best trials to show (got {count})");
            }

            QueryHeap.CollectNothingUntilExit();
            using TrialStore store = SweepLoading.OpenForQueries(parse.GetValue(database)!);
            var (name, metric, higherIsBetter) = RankedSweep(store, parse.GetValue(sweep));
            var (board, configurations) = Shown(store, name, metric, higherIsBetter, count, parse.GetValue(trials));
            PrintBest(board, count, metric, parse.GetValue(json), configurations);
            SweepLoading.WarnAboutUnreadableTrials(store);
            return 0;
        });
        return command;
    }

    public static Command Trials()
    {
        Option<string> database = CommonOptions.Database();
        Option<string?> sweep = CommonOptions.SweepName();
        Option<string?> status = CommonOptions.WithEnvironment<string?>(
            new Option<string?>("--status") { Description = "completed, gradcheck_failed, diverged or failed. Env: SWEEP_STATUS" }, "SWEEP_STATUS", null);
        Option<bool> json = CommonOptions.Json();
        var command = new Command("trials", "Every stored trial") { database, sweep, status, json };
        command.SetAction(parse =>
        {
            string? wanted = parse.GetValue(status);
            if (wanted is not null && !TrialResultStatus.IsValid(wanted))
            {
                throw new CliException($"--status '{wanted}' is not a status: expected one of {string.Join(", ", TrialResultStatus.All)}");
            }

            QueryHeap.CollectNothingUntilExit();
            using TrialStore store = SweepLoading.OpenForQueries(parse.GetValue(database)!);
            Print(store.Trials(parse.GetValue(sweep), wanted, includeCurves: false), parse.GetValue(json), ranked: false);
            SweepLoading.WarnAboutUnreadableTrials(store);
            return 0;
        });
        return command;
    }

    public static Command Show()
    {
        var id = new Argument<string>("trial-id") { Description = "A trial id, or a unique prefix of one" };
        Option<string> database = CommonOptions.Database();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("show", "One trial in full: parameters, outcome, cost curve and per-layer norms") { id, database, json };
        command.SetAction(parse =>
        {
            using TrialStore store = SweepLoading.OpenForQueries(parse.GetValue(database)!);
            TrialResult trial = Find(store, parse.GetValue(id)!);
            if (parse.GetValue(json))
            {
                TrialJson.WriteOne(trial);
            }
            else
            {
                TrialDetails.Print(trial);
            }

            return 0;
        });
        return command;
    }

    public static Command ExportModel()
    {
        var id = new Argument<string?>("trial-id") { Description = "A trial id or unique prefix (or use --best)", Arity = ArgumentArity.ZeroOrOne };
        var best = new Option<bool>("--best") { Description = "Export the model of the best configuration's best completed trial" };
        Option<string> database = CommonOptions.Database();
        Option<string?> sweep = CommonOptions.SweepName();
        Option<string?> output = CommonOptions.WithEnvironment<string?>(
            new Option<string?>("--out") { Description = "Where to write the model JSON. Env: SWEEP_OUT" }, "SWEEP_OUT", null);
        var force = new Option<bool>("--force") { Description = "Replace the output file if it exists (a sweep store is never replaced)" };
        var command = new Command("export-model", "Write a trial's trained model (weights, biases, normalization, classes) as JSON") { id, best, database, sweep, output, force };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(output) ?? throw new CliException("--out is required: the file to write the model to");
            string? trialId = parse.GetValue(id);
            if ((trialId is null) == !parse.GetValue(best))
            {
                throw new CliException("give either a trial id or --best");
            }

            using TrialStore store = SweepLoading.OpenForQueries(parse.GetValue(database)!);
            TrialResult trial;
            if (trialId is null)
            {
                // With repeats, the best configuration's best seed: not a lucky seed of a configuration that ranks lower.
                var (name, metric, higherIsBetter) = RankedSweep(store, parse.GetValue(sweep));
                ConfigurationStanding best = Leaderboard.Of(store.TrialsToRank(name), metric, higherIsBetter).Best
                    ?? throw new CliException("no completed trial is stored yet");
                string bestId = Leaderboard.BestTrialOf(best, metric, higherIsBetter)!.TrialId;
                trial = store.Get(bestId) ?? throw new CliException(
                    $"the sweep store {store.FilePath} is damaged: trial {bestId} is listed but cannot be found by its id, so its index is damaged; `sweep check --db {store.FilePath}` says what can still be read")
                {
                    ExitCode = ExitCodes.Refused,
                };
            }
            else
            {
                trial = Find(store, trialId);
            }

            if (trial.ModelJson is null)
            {
                throw new CliException($"trial {trial.TrialId} has no model: its status is {trial.Status}{(trial.Message is null ? "" : $" ({trial.Message})")}");
            }

            OutputFile.Write(path, trial.ModelJson, parse.GetValue(force));
            SweepLoading.WarnAboutUnreadableTrials(store);
            string score = trial.TestRmse is { } rmse
                ? $"test RMSE {rmse.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"
                : $"test accuracy {trial.TestAccuracy?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
            Terminal.Out.WriteLine($"Wrote the model of trial {trial.TrialId} ({trial.Status}, {score}) to {path}");
            return 0;
        });
        return command;
    }

    internal static TrialResult Find(TrialStore store, string idOrPrefix)
    {
        if (string.IsNullOrWhiteSpace(idOrPrefix))
        {
            throw new CliException("the trial id is empty: give a trial id or a unique prefix of one (sweep trials lists them)");
        }

        if (!idOrPrefix.Trim().All(char.IsAsciiHexDigitLower))
        {
            string shown = idOrPrefix.Length > 40 ? idOrPrefix[..40] + "..." : idOrPrefix;
            throw new CliException($"'{shown}' is not a trial id: ids are 16 characters 0-9 and a-f, and any prefix of one works (sweep trials lists them)");
        }

        try
        {
            return store.Get(idOrPrefix) ?? throw new CliException($"no trial '{idOrPrefix}' in {store.FilePath}");
        }
        catch (AmbiguousTrialIdException exception)
        {
            throw new CliException(exception.Message);
        }
    }

    /// <summary>
    /// The sweep to rank and its metric: the named one, or the only one in the store. A store of several sweeps needs
    /// --sweep, since each ranks by its own metric on its own data; one whose trials were stored without a registration
    /// (an earlier version) ranks them all by test accuracy.
    /// </summary>
    internal static (string? Sweep, string Metric, bool HigherIsBetter) RankedSweep(TrialStore store, string? sweep)
    {
        IReadOnlyList<SweepInfo> sweeps = store.Sweeps(countTrials: false);
        string names = sweeps.Count == 0 ? "none" : string.Join(", ", sweeps.Select(s => s.Name));
        SweepInfo? info;
        if (sweep is not null)
        {
            info = sweeps.FirstOrDefault(s => s.Name == sweep)
                ?? throw new CliException($"no sweep '{sweep}' in {store.FilePath}; it holds: {names}");
        }
        else if (sweeps.Count > 1)
        {
            throw new CliException($"{store.FilePath} holds {sweeps.Count} sweeps ({names}), each ranked by its own metric on its own data: choose one with --sweep NAME");
        }
        else
        {
            info = sweeps.Count == 1 ? sweeps[0] : null;
        }

        string metric = info?.Metric ?? TrialMetrics.TestAccuracy;
        return (info?.Name, metric, TrialMetrics.IsHigherBetter(metric));
    }

    /// <summary>
    /// What <c>sweep best</c> shows, and whether as configurations (with their mean over seeds: when some configuration
    /// ran with several seeds, unless <paramref name="singleTrials"/>) or as single trials. Every trial is ranked on
    /// what a ranking reads of it (<see cref="TrialStore.TrialsToRank"/>); only the trials shown are then read, without
    /// their curves, and ranked again by the same <see cref="Leaderboard"/>: a configuration's standing depends on its
    /// own trials alone, so they come out in the same order.
    /// </summary>
    internal static (Leaderboard Board, bool Configurations) Shown(TrialStore store, string? sweep, string metric, bool higherIsBetter, int top, bool singleTrials)
    {
        Leaderboard ranking = Leaderboard.Of(store.TrialsToRank(sweep), metric, higherIsBetter);
        bool configurations = !singleTrials && ranking.HasRepeats;
        IEnumerable<TrialResult> shown = configurations ? ranking.TopConfigurations(top).SelectMany(c => c.Trials) : ranking.TopTrials(top);
        return (Leaderboard.Of(store.TrialsById(shown.Select(t => t.TrialId)), metric, higherIsBetter), configurations);
    }

    /// <summary>
    /// The top of a leaderboard: configurations with their mean over seeds when <paramref name="configurations"/>
    /// (some configuration ran with several seeds, and single trials were not asked for), single trials otherwise.
    /// </summary>
    public static void PrintBest(Leaderboard board, int top, string metric, bool json, bool configurations)
    {
        if (!configurations)
        {
            Print(board.TopTrials(top), json, ranked: true);
        }
        else if (json)
        {
            Console.Out.WriteLine(ConfigurationJson.Array(board.TopConfigurations(top), metric));
        }
        else
        {
            Terminal.Write(ConfigurationTable.Build(board.TopConfigurations(top), metric));
        }
    }

    private static void Print(IReadOnlyList<TrialResult> trials, bool json, bool ranked)
    {
        if (json)
        {
            TrialJson.WriteArray(trials);
        }
        else if (trials.Count == 0)
        {
            Terminal.WriteLine("No trials match.");
        }
        else
        {
            Terminal.Write(TrialTable.Build(trials, ranked));
        }
    }
}
