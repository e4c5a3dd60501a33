using System.Globalization;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Cli.Output;

/// <summary>
/// Trials as a table: the leaderboard of <c>sweep run</c> and <c>sweep best</c>, and <c>sweep trials</c>. The columns
/// are the trials' own searched settings (<see cref="SettingColumns"/>), then their outcome.
/// </summary>
internal static class TrialTable
{
    public static TextTable Build(IReadOnlyList<TrialResult> trials, bool ranked)
    {
        var table = new TextTable();
        if (ranked)
        {
            table.AddColumn("#", rightAligned: true);
        }

        IReadOnlyList<string> settings = SettingColumns.Of(trials);
        table.AddColumn("trial").AddColumn("status");
        foreach (string setting in settings)
        {
            table.AddColumn(setting);
        }

        // A regression shows its errors in the target's units where a classifier shows accuracies.
        bool regression = trials.Any(t => t.TestRmse is not null);
        foreach (string numeric in regression ? ["train_rmse", "test_rmse", "test_r2", "test_cost", "gradcheck"] : new[] { "train_acc", "test_acc", "test_cost", "gradcheck" })
        {
            table.AddColumn(numeric, rightAligned: true);
        }

        // Sweeps without a validation split (all sweeps before there were any) keep the table they always had.
        bool validation = trials.Any(t => t.ValidationAccuracy is not null || t.ValidationRmse is not null);
        if (validation)
        {
            table.AddColumn(regression ? "val_rmse" : "val_acc", rightAligned: true);
        }

        table.AddColumn("node");
        for (int i = 0; i < trials.Count; i++)
        {
            TrialResult t = trials[i];
            var cells = new string[table.ColumnCount];
            int cell = 0;
            if (ranked)
            {
                cells[cell++] = (i + 1).ToString(CultureInfo.InvariantCulture);
            }

            cells[cell++] = t.TrialId;
            cells[cell++] = t.Status;
            foreach (string setting in settings)
            {
                cells[cell++] = SettingColumns.ValueOf(t, setting);
            }

            if (regression)
            {
                cells[cell++] = Number(t.TrainRmse, "G6");
                cells[cell++] = Number(t.TestRmse, "G6");
                cells[cell++] = Number(t.TestR2, "F4");
            }
            else
            {
                cells[cell++] = Number(t.TrainAccuracy);
                cells[cell++] = Number(t.TestAccuracy);
            }

            cells[cell++] = Number(t.TestCost, "F4");
            cells[cell++] = Number(t.GradcheckDifference, "0.0e+0");
            if (validation)
            {
                cells[cell++] = regression ? Number(t.ValidationRmse, "G6") : Number(t.ValidationAccuracy);
            }

            cells[cell] = t.Node;
            table.AddRow(cells);
        }

        return table;
    }

    /// <summary>Accuracies print in full (0.9933333333333333) so that they can be compared with published figures.</summary>
    private static string Number(double? value, string? format = null) =>
        value is null ? "-" : format is null ? value.Value.ToString("R", CultureInfo.InvariantCulture) : value.Value.ToString(format, CultureInfo.InvariantCulture);
}
