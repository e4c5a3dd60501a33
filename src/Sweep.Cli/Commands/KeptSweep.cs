using Sweep.Config;
using Sweep.Storage;
using Sweep.Training.Data;

namespace Sweep.Cli.Commands;

/// <summary>
/// A sweep rebuilt from the copy of its file that the store kept when the sweep was registered, with its data read
/// again from where the file says and checked against the data hash the sweep registered: what <c>sweep rerun</c>
/// trains on and what <c>sweep report</c> draws decision boundaries over. <see cref="Problem"/> says, in words a user
/// can act on, why there is no <see cref="Definition"/>.
/// </summary>
internal sealed record KeptSweep(SweepDefinition? Definition, string? Problem)
{
    public static KeptSweep Read(TrialStore store, string sweep, string databasePath)
    {
        StoredSweepFile? kept = store.SweepFile(sweep);
        if (kept is null)
        {
            return new KeptSweep(null,
                $"the store {databasePath} holds no copy of the sweep file of '{sweep}' (it was registered by an earlier version of sweep)");
        }

        SweepDefinition definition;
        try
        {
            definition = SweepFile.Parse(kept.Text, kept.FullPath);
        }
        catch (Exception exception) when (exception is SweepFileException or DatasetException)
        {
            return new KeptSweep(null,
                $"the sweep file of '{sweep}' that the store kept ({kept.FullPath}) cannot be checked again: {exception.Message.ReplaceLineEndings("; ")}. " +
                "If its data moved or is gone, put it back");
        }

        return new KeptSweep(definition, DataChanged(store, sweep, definition));
    }

    /// <summary>Why the data now read is not the data the sweep registered, byte for byte; null when it is (or the store never recorded a hash).</summary>
    public static string? DataChanged(TrialStore store, string sweep, SweepDefinition definition)
    {
        string? registered = store.Sweeps().FirstOrDefault(s => s.Name == sweep)?.DataHash;
        if (registered is null || string.Equals(registered, definition.DatasetKey, StringComparison.Ordinal))
        {
            return null;
        }

        return $"the data of sweep '{sweep}' changed since it ran: {SweepLoading.FingerprintOf(definition).DataSource} " +
            $"no longer hold{(definition.Dataset is CsvTrainTestDataset ? "" : "s")} the data it ran on (registered data hash {registered[..12]}, now {definition.DatasetKey[..12]}); " +
            "put the original data back";
    }
}
