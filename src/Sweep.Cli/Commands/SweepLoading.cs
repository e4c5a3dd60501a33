using Sweep.Config;
using Sweep.Runtime;
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
            var plan = new SweepPlan(definition.Name, definition.FileHash, definition.DatasetKey, data, definition.ExpandTrials(),
                definition.Metric.Name, definition.Metric.HigherIsBetter);
            return (definition, plan);
        }
        catch (SweepFileException exception)
        {
            throw new CliException(exception.Message);
        }
        catch (DatasetException exception)
        {
            throw new CliException(exception.Message);
        }
    }

    public static TrialStore OpenStore(string path, bool mustExist)
    {
        try
        {
            return mustExist ? TrialStore.OpenExisting(path) : TrialStore.Open(path);
        }
        catch (TrialStoreException exception)
        {
            throw new CliException(exception.Message);
        }
    }
}
