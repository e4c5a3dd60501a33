using System.Text.Json;
using Sweep.Domain;

namespace Sweep.Cli.Output;

/// <summary>
/// Trials as JSON objects with snake_case keys, for scripts: every stored field of <see cref="TrialResult"/> in its
/// declared order but the model, then <c>has_model</c> (whether one is stored); the cost curve and layer norms only
/// when asked for. NaN and the infinities are written as the strings "NaN", "Infinity" and "-Infinity".
/// Written field by field, straight to the output: a listing of 20,000 trials is 35 MB, and through the serializer's
/// contract (its fields removed and <c>has_model</c> added, which leaves the generated fast path out) half of
/// <c>sweep trials --json</c>'s samples were in the serializer; written here the command takes 146 ms against 167
/// (README, "Where issue 14's targets stand"). Cli.Tests pins the bytes to what the serializer writes for the same
/// trials, so a property added to <see cref="TrialResult"/> and not here fails there.
/// </summary>
internal static class TrialJson
{
    /// <summary>How many bytes the writer holds before it passes them on to the output.</summary>
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>One trial with its cost curve and layer norms, and a line break, on standard output.</summary>
    public static void WriteOne(TrialResult trial) => ToStandardOutput(output => WriteOne(output, trial));

    /// <summary>The trials as one JSON array, and a line break, on standard output, written as it is made.</summary>
    public static void WriteArray(IReadOnlyList<TrialResult> trials) => ToStandardOutput(output => WriteArray(output, trials));

    internal static void WriteOne(Stream output, TrialResult trial)
    {
        using var json = new Utf8JsonWriter(output, Indented);
        Write(json, trial, withCurves: true);
    }

    internal static void WriteArray(Stream output, IReadOnlyList<TrialResult> trials)
    {
        using var json = new Utf8JsonWriter(output, Indented);
        json.WriteStartArray();
        foreach (TrialResult trial in trials)
        {
            Write(json, trial, withCurves: false);
            if (json.BytesPending > FlushThreshold)
            {
                json.Flush();
            }
        }

        json.WriteEndArray();
    }

    /// <summary>One trial as a JSON object.</summary>
    private static void Write(Utf8JsonWriter json, TrialResult trial, bool withCurves)
    {
        json.WriteStartObject();
        json.WriteString("trial_id"u8, trial.TrialId);
        json.WriteString("sweep"u8, trial.Sweep);
        json.WriteString("sweep_file_hash"u8, trial.SweepFileHash);
        json.WriteString("status"u8, trial.Status);
        json.WriteString("message"u8, trial.Message);
        json.WriteString("configuration_id"u8, trial.ConfigurationId);
        WritePairs(json, "parameters"u8, trial.Parameters);
        WritePairs(json, "settings"u8, trial.Settings);
        json.WriteString("initializer"u8, trial.Initializer);
        WriteNumber(json, "l2_lambda"u8, trial.L2Lambda);
        WriteNumber(json, "keep_prob"u8, trial.KeepProb);
        json.WriteNumber("seed"u8, trial.Seed);
        WriteNumber(json, "learning_rate"u8, trial.LearningRate);
        json.WriteStartArray("hidden"u8);
        foreach (int units in trial.Hidden)
        {
            json.WriteNumberValue(units);
        }

        json.WriteEndArray();
        json.WriteString("activation"u8, trial.Activation);
        WriteNumber(json, "gradcheck_difference"u8, trial.GradcheckDifference);
        json.WriteString("gradcheck_worst"u8, trial.GradcheckWorst);
        WriteNumber(json, "train_accuracy"u8, trial.TrainAccuracy);
        WriteNumber(json, "test_accuracy"u8, trial.TestAccuracy);
        WriteNumber(json, "train_cost"u8, trial.TrainCost);
        WriteNumber(json, "test_cost"u8, trial.TestCost);
        WriteNumber(json, "validation_accuracy"u8, trial.ValidationAccuracy);
        WriteNumber(json, "validation_cost"u8, trial.ValidationCost);
        WriteNumber(json, "train_rmse"u8, trial.TrainRmse);
        WriteNumber(json, "test_rmse"u8, trial.TestRmse);
        WriteNumber(json, "validation_rmse"u8, trial.ValidationRmse);
        WriteNumber(json, "train_r2"u8, trial.TrainR2);
        WriteNumber(json, "test_r2"u8, trial.TestR2);
        WriteNumber(json, "validation_r2"u8, trial.ValidationR2);
        json.WriteString("notes"u8, trial.Notes);
        json.WriteNumber("iterations_run"u8, trial.IterationsRun);
        if (withCurves)
        {
            WriteObjects(json, "cost_curve"u8, trial.CostCurve, static (json, point) =>
            {
                json.WriteNumber("iteration"u8, point.Iteration);
                WriteNumber(json, "cost"u8, point.Cost);
            });
            WriteObjects(json, "layer_norms"u8, trial.LayerNorms, static (json, point) =>
            {
                json.WriteNumber("iteration"u8, point.Iteration);
                WriteNumbers(json, "weight_norms"u8, point.WeightNorms);
                WriteNumbers(json, "gradient_norms"u8, point.GradientNorms);
            });
        }

        json.WriteBoolean("symmetric_units"u8, trial.SymmetricUnits);
        json.WriteString("gradient_flow"u8, trial.GradientFlow);
        WriteNumber(json, "gradient_norm_ratio"u8, trial.GradientNormRatio);
        WriteNumber(json, "duration_ms"u8, trial.DurationMs);
        json.WriteString("node"u8, trial.Node);
        json.WriteNumber("attempts"u8, trial.Attempts);
        json.WriteString("started_at"u8, trial.StartedAt);
        json.WriteString("finished_at"u8, trial.FinishedAt);
        // Listings load trials without their models; every completed trial has one stored.
        json.WriteBoolean("has_model"u8, trial.ModelJson is not null || trial.Status == TrialResultStatus.Completed);
        json.WriteEndObject();
    }

    private static void ToStandardOutput(Action<Stream> write)
    {
        Console.Out.Flush();
        using Stream output = Console.OpenStandardOutput();
        write(output);
        output.Write("\n"u8);
    }

    private static void WritePairs(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyDictionary<string, string> pairs)
    {
        json.WriteStartObject(name);
        foreach ((string key, string value) in pairs)
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static void WriteObjects<T>(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        json.WriteStartArray(name);
        foreach (T item in items)
        {
            json.WriteStartObject();
            writeFields(json, item);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<double> values)
    {
        json.WriteStartArray(name);
        foreach (double value in values)
        {
            WriteNumberValue(json, value);
        }

        json.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, ReadOnlySpan<byte> name, double? value)
    {
        json.WritePropertyName(name);
        if (value is { } number)
        {
            WriteNumberValue(json, number);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    /// <summary>A finite number as a JSON number; NaN and the infinities as the serializer's named literals, strings.</summary>
    private static void WriteNumberValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
