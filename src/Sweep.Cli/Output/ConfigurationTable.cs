using System.Globalization;
using Sweep.Domain;
using Sweep.Search.Ranking;

namespace Sweep.Cli.Output;

/// <summary>
/// Configurations trained with several seeds, best first: their searched settings, how many seeds completed, and the
/// mean, standard deviation and worst of the metric over those seeds, and their trials (<c>sweep best --json</c> lists
/// every one).
/// </summary>
internal static class ConfigurationTable
{
    public static TextTable Build(IReadOnlyList<ConfigurationStanding> configurations, string metric)
    {
        var table = new TextTable();
        table.AddColumn("#", rightAligned: true);
        table.AddColumn("configuration");
        IReadOnlyList<string> settings = [.. SettingColumns.Of(configurations.SelectMany(c => c.Trials)).Where(s => s != SettingColumns.Seed)];
        foreach (string setting in settings)
        {
            table.AddColumn(setting);
        }

        table.AddColumn("seeds", rightAligned: true);
        // Chosen on another metric (validation), the pick's test accuracy (a regression's test RMSE) is the honest
        // estimate to report.
        bool regression = TrialMetrics.IsRegression(metric) || configurations.Any(c => c.Trials.Any(t => t.TestRmse is not null));
        string testMetric = regression ? TrialMetrics.TestRmse : TrialMetrics.TestAccuracy;
        bool withTest = metric != testMetric;
        foreach (string numeric in new[] { $"{metric} mean", "std", "worst" }.Concat(withTest ? [regression ? "test_rmse mean" : "test_acc mean"] : []))
        {
            table.AddColumn(numeric, rightAligned: true);
        }

        table.AddColumn("trials");
        for (int i = 0; i < configurations.Count; i++)
        {
            ConfigurationStanding c = configurations[i];
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture), c.ConfigurationId };
            cells.AddRange(settings.Select(name => SettingColumns.ValueOf(c.Trials[0], name)));
            cells.Add(string.Create(CultureInfo.InvariantCulture, $"{c.SeedsCompleted}/{c.Trials.Count}"));
            cells.Add(c.Mean.ToString("F4", CultureInfo.InvariantCulture));
            cells.Add(c.StandardDeviation?.ToString("F4", CultureInfo.InvariantCulture) ?? "-");
            cells.Add(c.Worst.ToString("F4", CultureInfo.InvariantCulture));
            if (withTest)
            {
                double[] test = [.. c.Trials.Select(t => TrialMetrics.ValueOf(t, testMetric)).OfType<double>()];
                cells.Add(test.Length == 0 ? "-" : test.Average().ToString("F4", CultureInfo.InvariantCulture));
            }

            cells.Add(TrialIds(c.Trials));
            table.AddRow([.. cells]);
        }

        return table;
    }

    /// <summary>
    /// The first eight characters of each trial's id (enough for <c>sweep show</c>), of the first
    /// <see cref="ShownTrialIds"/> trials: a configuration of 500 seeds would otherwise make a line of 4,500 characters.
    /// </summary>
    private static string TrialIds(IReadOnlyList<TrialResult> trials)
    {
        string shown = string.Join(" ", trials.Take(ShownTrialIds).Select(t => t.TrialId[..8]));
        return trials.Count <= ShownTrialIds ? shown : string.Create(CultureInfo.InvariantCulture, $"{shown} +{trials.Count - ShownTrialIds} more");
    }

    private const int ShownTrialIds = 5;
}
