using Sweep.Config;
using Sweep.Runtime;
using Sweep.Runtime.Scheduling;
using Sweep.Storage;
using Sweep.Training.Data;

namespace Sweep.Cli.Commands;

/// <summary>Turns a sweep file into a plan, and opens the store, with errors a user can act on.</summary>
internal static class SweepLoading
{
    /// <summary>Parses and validates the file and its data; nothing has touched a store yet.</summary>
    public static (SweepDefinition Definition, SweepPlan Plan) LoadPlan(string path)
    {
        try
        {
            SweepDefinition definition = SweepFile.Load(path);
            DatasetSplit data = definition.LoadData();
            var plan = new SweepPlan(definition.Name, definition.FileHash, definition.DatasetKey, data, TrialSource.From(definition.Search),
                definition.Metric.Name, definition.Metric.HigherIsBetter);
            return (definition, plan);
        }
        catch (SweepFileException exception)
        {
            throw new CliException(exception.Message, exception) { IsList = true };
        }
        catch (DatasetException exception)
        {
            throw new CliException(exception.Message);
        }
    }

    /// <summary>What makes the sweep the same sweep when it is started again: its meaning and its data.</summary>
    public static SweepFingerprint FingerprintOf(SweepDefinition definition)
    {
        string source = definition.Dataset switch
        {
            CsvTrainTestDataset d => $"the data files {d.Train.FullPath} (train) and {d.Test.FullPath} (test)",
            CsvSplitDataset d => $"the data file {d.File.FullPath}",
            GeneratedDataset d => $"the generated '{d.Generator}' data",
            _ => "the data",
        };
        // The file is kept with the registration, so that `sweep rerun` can rebuild a trial from the store alone.
        return new SweepFingerprint(definition.SettingsHash, definition.FileHash, definition.DatasetKey, source)
        {
            File = new StoredSweepFile(Path.GetFullPath(definition.SourcePath), definition.Text),
        };
    }

    /// <summary>
    /// Opens an existing store for queries, read-only: nothing is ever written to it. The native front leaves a store
    /// that a sweep holds to sweep-node (<see cref="NativeFront.LeaveHeldStore"/>).
    /// </summary>
    public static TrialStore OpenForQueries(string path)
    {
        NativeFront.LeaveHeldStore(path);
        return Open(() => TrialStore.OpenReadOnly(path));
    }

    /// <summary>Opens (or creates) the store a sweep runs into.</summary>
    public static TrialStore OpenForRun(string path) => Open(() => TrialStore.Open(path));

    /// <summary>
    /// One line on stderr for the trial documents a query met and left out, so that nothing is left out in silence.
    /// </summary>
    public static void WarnAboutUnreadableTrials(TrialStore store)
    {
        IReadOnlyList<UnreadableTrial> unreadable = store.UnreadableTrials;
        if (unreadable.Count == 0)
        {
            return;
        }

        string first = $"{unreadable[0].TrialId} ({unreadable[0].Problem})";
        string more = unreadable.Count > 1 ? $" and {unreadable.Count - 1} more" : "";
        Console.Error.WriteLine(
            $"sweep: warning: {unreadable.Count} stored trial{(unreadable.Count == 1 ? "" : "s")} of {store.FilePath} cannot be read and " +
            $"{(unreadable.Count == 1 ? "is" : "are")} left out: {first}{more}; `sweep check --db {store.FilePath}` lists every problem");
    }

    private static TrialStore Open(Func<TrialStore> open)
    {
        try
        {
            return open();
        }
        catch (DamagedStoreException exception)
        {
            throw new CliException(exception.Message, exception) { ExitCode = ExitCodes.Refused };
        }
        catch (TrialStoreException exception)
        {
            throw new CliException(exception.Message, exception);
        }
    }
}
