using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using static Sweep.Config.Tests.SweepFiles;

namespace Sweep.Config.Tests;

// dataset.categorical, dataset.missing and a linear output: how a sweep file asks for tabular data as people have it.
public sealed class TabularDatasetTests : IDisposable
{
    private const string Table = "size,colour,price\n1,red,10.5\n2,,12.25\n3,blue,\n4,red,20\n5,blue,21.5\n6,green,30\n7,red,33\n8,blue,40.5\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Sweep(string dataset, string model = "hidden: [4]", string? metric = null)
    {
        _folder.Write("data/table.csv", Table);
        return _folder.Write("sweep.yaml", $"""
            name: table
            dataset:
              train: data/table.csv
              test_fraction: 0.25
              label: price
            {dataset}
            model: {"{"} {model} {"}"}
            {(metric is null ? string.Empty : "metric: " + metric)}
            """);
    }

    [Fact]
    public void A_linear_output_reads_the_label_as_values_and_ranks_by_test_rmse_by_default()
    {
        SweepDefinition sweep = SweepFile.Load(Sweep("  missing: impute", "hidden: [4], output: linear"));

        Assert.True(sweep.Data.IsRegression);
        Assert.Equal("test_rmse", sweep.Metric.Name);
        Assert.False(sweep.Metric.HigherIsBetter);
        Assert.Equal(1, sweep.Data.MissingLabelRows);
        Assert.Equal(1, sweep.Data.EmptyCells);
        Assert.Equal("price", sweep.Data.LabelColumn);
        Assert.Equal(MissingValues.Impute, sweep.Dataset.Missing);
        Assert.Contains(sweep.LoadData().Train.FeatureNames, n => n.StartsWith("colour=", StringComparison.Ordinal));
    }

    [Fact]
    public void Drop_leaves_out_the_rows_with_an_empty_cell_and_the_summary_counts_them()
    {
        SweepDefinition sweep = SweepFile.Load(Sweep("  missing: drop", "hidden: [4], output: linear"));

        Assert.Equal((1, 1), (sweep.Data.DroppedRows, sweep.Data.MissingLabelRows));
        Assert.Equal(6, sweep.Data.TrainExamples + sweep.Data.TestExamples);
    }

    [Fact]
    public void An_empty_cell_under_the_default_is_reported_at_the_train_key_with_its_cell_and_the_remedies()
    {
        var e = Reject(_folder, File.ReadAllText(Sweep(string.Empty, "hidden: [4], output: linear")));

        SweepFileError error = ErrorAt(e, "dataset.train", 3);
        Assert.Contains("line 3, column 2 (colour): the value is empty, and dataset.missing is error (the default); to keep the row, set dataset.missing: impute", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Declared_categorical_columns_are_read_as_categories()
    {
        SweepDefinition sweep = SweepFile.Load(Sweep("  missing: impute\n  categorical: [size]", "hidden: [4], output: linear"));

        TableEncoding encoding = sweep.Data.Encoding!;
        Assert.True(encoding.Columns[0].IsCategorical);
        Assert.Equal(sweep.Data.FeatureCount, encoding.Width);
    }

    [Fact]
    public void An_unknown_missing_mode_is_refused_with_the_three_modes()
    {
        var e = Reject(_folder, File.ReadAllText(Sweep("  missing: guess", "hidden: [4], output: linear")));

        Assert.Contains("unknown \"guess\": expected error (refuse an empty cell, the default), impute", ErrorAt(e, "dataset.missing", 6).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sweep_cannot_mix_a_linear_output_with_classifier_outputs()
    {
        var e = Reject(_folder, File.ReadAllText(Sweep("  missing: impute", "hidden: [4]")).Replace("model:", "search: { output: [linear, sigmoid] }\nmodel:", StringComparison.Ordinal));

        Assert.Contains(e.Errors, error => error.Problem.StartsWith("a linear output predicts the label as a value, and the sweep's other outputs", StringComparison.Ordinal));
    }

    [Fact]
    public void An_accuracy_metric_for_a_regression_is_refused_with_the_metrics_that_fit()
    {
        var e = Reject(_folder, File.ReadAllText(Sweep("  missing: impute", "hidden: [4], output: linear", "test_accuracy")));

        Assert.Equal(
            "'test_accuracy' measures a classifier, and this sweep's output is linear (a regression): rank by test_rmse, test_r2 or test_cost",
            e.Errors.Single(error => error.KeyPath == "metric").Problem);
    }

    [Fact]
    public void A_measured_target_under_a_sigmoid_output_is_refused_with_linear_suggested()
    {
        var e = Reject(_folder, File.ReadAllText(Sweep("  missing: impute", "hidden: [4], output: sigmoid")));

        Assert.Contains("set model: { output: linear } (regression)", ErrorAt(e, "dataset.train", 3).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Stating_the_defaults_keeps_the_data_key_and_trial_ids_and_asking_for_impute_changes_them()
    {
        // The quickstart's ids are pinned by ValidationSplitTests: defaults written out mean the same sweep.
        string plain = SweepFiles.IssueExample;
        SweepDefinition before = SweepFile.Load(_folder.Write("a.yaml", plain));
        SweepDefinition stated = SweepFile.Load(_folder.Write("b.yaml", plain.Replace("label: y, ", "label: y, missing: error, categorical: [], ", StringComparison.Ordinal)));
        SweepDefinition imputed = SweepFile.Load(_folder.Write("c.yaml", plain.Replace("label: y, ", "label: y, missing: impute, ", StringComparison.Ordinal)));

        Assert.Equal(before.DatasetKey, stated.DatasetKey);
        Assert.Equal(before.ExpandTrials().Select(t => t.TrialId), stated.ExpandTrials().Select(t => t.TrialId));
        Assert.NotEqual(before.DatasetKey, imputed.DatasetKey);
        Assert.NotEqual(before.ExpandTrials()[0].TrialId, imputed.ExpandTrials()[0].TrialId);
    }
}
