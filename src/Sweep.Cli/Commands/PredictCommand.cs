using Spectre.Console;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Sweep.Cli.Output;
using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Models;

namespace Sweep.Cli.Commands;

/// <summary>
/// <c>sweep predict</c>: applies an exported model to raw CSV rows (text cells, empty cells and all) and writes one
/// prediction per row, the class label or the value; with the label column present it prints the accuracy or RMSE.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The model JSON written by sweep export-model" };
        var data = new Option<string>("--data") { Description = "A CSV file with the model's columns (the label column may be left out)" };
        var output = new Option<string?>("--out") { Description = "Write the predictions to this CSV file instead of the terminal" };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file" };
        var command = new Command("predict", "Predict on raw CSV rows with an exported model") { model, data, output, force };
        command.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model) ?? throw new CliException("--model is required: the model JSON written by sweep export-model");
            string dataPath = parse.GetValue(data) ?? throw new CliException("--data is required: the CSV file of rows to predict on");
            TrainedModel trained = Load(modelPath);
            TableEncoding encoding = trained.Encoding ?? throw new CliException(
                $"{modelPath} has no encoding of raw columns: it is a model of generated data, or was exported before sweep predict existed; export the model of a sweep of CSV data again");
            RawTable rows;
            string[] predictions;
            IReadOnlyDictionary<string, int> unseen;
            try
            {
                byte[] bytes = FileBytes.Read(dataPath, "data file", CsvDatasetReader.MaxFileBytes);
                using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                rows = CsvDatasetReader.ReadForModel(
                    text, dataPath, [.. encoding.Columns.Select(c => c.Name)], [.. encoding.Columns.Where(c => c.IsCategorical).Select(c => c.Name)], encoding.Label);
                predictions = trained.PredictRows(rows, out unseen);
            }
            catch (DatasetException exception)
            {
                throw new CliException(exception.FilePath is null ? $"{dataPath}: {exception.Message}" : exception.Message);
            }

            var csv = new StringBuilder();
            csv.Append(CsvField(encoding.Label)).Append('\n');
            foreach (string prediction in predictions)
            {
                csv.Append(CsvField(prediction)).Append('\n');
            }

            PredictionScore? score;
            try
            {
                score = rows.LabelCells is { } labels ? PredictionScore.Of(trained, predictions, labels) : null;
            }
            catch (DatasetException exception)
            {
                throw new CliException($"{dataPath}, {exception.Message}");
            }

            string? outPath = parse.GetValue(output);
            if (outPath is null)
            {
                Console.Out.Write(csv.ToString());
            }
            else
            {
                OutputFile.Write(outPath, csv.ToString(), parse.GetValue(force));
                Terminal.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wrote {predictions.Length} predictions of '{encoding.Label}' to {outPath}"));
            }

            if (unseen.Count > 0)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"note: {unseen.Values.Sum()} {(unseen.Values.Sum() == 1 ? "cell has" : "cells have")} a category the model's training split lacked, encoded as all zeros ({string.Join(", ", unseen.Select(c => $"{c.Key} {c.Value}"))})"));
            }

            if (score is not null)
            {
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"{(score.IsRmse ? "RMSE" : "accuracy")} {score.Value:R} on the {score.Rows} rows with a label '{encoding.Label}' (of {predictions.Length})");
                if (outPath is null)
                {
                    Console.Error.WriteLine(line);
                }
                else
                {
                    Terminal.Out.WriteLine(line);
                }
            }

            return 0;
        });
        return command;
    }

    private static TrainedModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"the model file {path} does not exist (sweep export-model --best --out model.json writes one)");
        }

        try
        {
            return TrainedModel.FromJson(File.ReadAllText(path));
        }
        catch (FormatException exception)
        {
            throw new CliException($"{path} is not a model sweep export-model wrote: {exception.Message}");
        }
    }

    /// <summary>A cell quoted when it holds a comma, a quote or a line break.</summary>
    private static string CsvField(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
