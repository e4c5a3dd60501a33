using System.Globalization;
using Spectre.Console;
using Sweep.Storage;
using Sweep.Domain;

namespace Sweep.Cli.Output;

/// <summary>One trial for a person: what it was, how it ended, and how training went at each record point.</summary>
internal static class TrialDetails
{
    public static void Print(TrialResult t)
    {
        IAnsiConsole console = Terminal.Out;
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value) => grid.AddRow(Markup.Escape(name), Markup.Escape(value ?? "-"));
        Row("trial", t.TrialId);
        Row("sweep", t.Sweep);
        if (t.ConfigurationId.Length > 0)
        {
            Row("configuration", t.ConfigurationId);
        }

        Row("status", t.Status);
        Row("message", t.Message);
        Row("parameters", string.Join(", ", t.Parameters.Select(p => $"{p.Key}={p.Value}")));
        Row("network", $"hidden [{string.Join(",", t.Hidden)}] {t.Activation}, {t.Initializer}, l2_lambda {F(t.L2Lambda)}, keep_prob {F(t.KeepProb)}, lr {F(t.LearningRate)}, seed {t.Seed}");
        Row("gradient check", t.GradcheckDifference is null ? null : $"difference {t.GradcheckDifference.Value.ToString("G4", CultureInfo.InvariantCulture)}; worst {t.GradcheckWorst ?? "-"}");
        if (t.TrainRmse is not null)
        {
            Row("train rmse / r2 / cost", $"{F(t.TrainRmse)} / {F(t.TrainR2)} / {F(t.TrainCost)}");
            if (t.ValidationRmse is not null)
            {
                Row("validation rmse / r2 / cost", $"{F(t.ValidationRmse)} / {F(t.ValidationR2)} / {F(t.ValidationCost)}");
            }

            Row("test rmse / r2 / cost", $"{F(t.TestRmse)} / {F(t.TestR2)} / {F(t.TestCost)}");
        }
        else
        {
            Row("train accuracy / cost", $"{F(t.TrainAccuracy)} / {F(t.TrainCost)}");
            if (t.ValidationAccuracy is not null || t.ValidationCost is not null)
            {
                Row("validation accuracy / cost", $"{F(t.ValidationAccuracy)} / {F(t.ValidationCost)}");
            }

            Row("test accuracy / cost", $"{F(t.TestAccuracy)} / {F(t.TestCost)}");
        }

        if (t.ModelJson is not null && ModelData.Describe(t.ModelJson) is { } data)
        {
            Row("data", data);
        }

        if (t.Notes is not null)
        {
            Row("notes", t.Notes);
        }

        Row("stability", $"symmetric units: {(t.SymmetricUnits ? "yes" : "no")}; gradient flow: {t.GradientFlow ?? "-"} (||dW1||/||dWL|| = {F(t.GradientNormRatio)})");
        Row("iterations", t.IterationsRun.ToString(CultureInfo.InvariantCulture));
        Row("node / attempts", $"{t.Node} / {t.Attempts}");
        Row("time", $"{t.StartedAt:u} .. {t.FinishedAt:u} ({t.DurationMs.ToString("F0", CultureInfo.InvariantCulture)} ms)");
        Row("pictures", $"sweep report --sweep {t.Sweep} --out report.html draws the sweep's charts: curves, norms, history, settings");
        console.Write(grid);

        if (t.CostCurve.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumn(new TableColumn("iteration").RightAligned()).AddColumn(new TableColumn("cost").RightAligned());
        int layers = t.LayerNorms.Count > 0 ? t.LayerNorms[0].WeightNorms.Count : 0;
        for (int l = 1; l <= layers; l++)
        {
            table.AddColumn(new TableColumn($"|W{l}|").RightAligned());
            table.AddColumn(new TableColumn($"|dW{l}|").RightAligned());
        }

        for (int i = 0; i < t.CostCurve.Count; i++)
        {
            var cells = new List<string> { t.CostCurve[i].Iteration.ToString(CultureInfo.InvariantCulture), t.CostCurve[i].Cost.ToString("G10", CultureInfo.InvariantCulture) };
            if (i < t.LayerNorms.Count)
            {
                for (int l = 0; l < layers; l++)
                {
                    cells.Add(t.LayerNorms[i].WeightNorms[l].ToString("G4", CultureInfo.InvariantCulture));
                    cells.Add(t.LayerNorms[i].GradientNorms[l].ToString("G4", CultureInfo.InvariantCulture));
                }
            }

            table.AddRow(cells.ToArray());
        }

        console.Write(table);
    }

    private static string F(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
}
