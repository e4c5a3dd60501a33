using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage;

/// <summary>
/// The stored shape of a trial, written by hand rather than by LiteDB's reflection mapper so that the field names
/// (snake_case, as the CLI's JSON), the precision and the handling of nulls are fixed here and nowhere else:
/// timestamps are UTC ticks (a BSON date keeps only milliseconds), parameters are an array of name/value pairs (axis
/// names may contain dots, which a BSON field name should not), and the model lives in its own collection so that
/// listings and rankings never read it.
/// </summary>
internal static class TrialDocuments
{
    public const string Id = "_id";
    public const string Sweep = "sweep";
    public const string Status = "status";
    public const string Json = "json";

    public static BsonDocument ToDocument(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (string.IsNullOrWhiteSpace(trial.TrialId))
        {
            throw new InvalidTrialResultException("a trial result needs a trial id");
        }

        if (string.IsNullOrWhiteSpace(trial.Sweep))
        {
            throw new InvalidTrialResultException($"trial {trial.TrialId} has no sweep name");
        }

        if (!TrialResultStatus.IsValid(trial.Status))
        {
            throw new InvalidTrialResultException($"trial {trial.TrialId} has status '{trial.Status}': expected one of {string.Join(", ", TrialResultStatus.All)}");
        }

        BsonArray parameters = Pairs(trial.Parameters);

        return new BsonDocument
        {
            [Id] = trial.TrialId,
            [Sweep] = trial.Sweep,
            ["sweep_file_hash"] = trial.SweepFileHash,
            [Status] = trial.Status,
            ["message"] = Nullable(trial.Message),
            ["configuration_id"] = trial.ConfigurationId,
            ["parameters"] = parameters,
            ["settings"] = Pairs(trial.Settings),
            ["initializer"] = trial.Initializer,
            ["l2_lambda"] = trial.L2Lambda,
            ["keep_prob"] = trial.KeepProb,
            ["seed"] = trial.Seed,
            ["learning_rate"] = trial.LearningRate,
            ["hidden"] = new BsonArray(trial.Hidden.Select(h => new BsonValue(h))),
            ["activation"] = trial.Activation,
            ["gradcheck_difference"] = Nullable(trial.GradcheckDifference),
            ["gradcheck_worst"] = Nullable(trial.GradcheckWorst),
            ["train_accuracy"] = Nullable(trial.TrainAccuracy),
            ["test_accuracy"] = Nullable(trial.TestAccuracy),
            ["train_cost"] = Nullable(trial.TrainCost),
            ["test_cost"] = Nullable(trial.TestCost),
            ["validation_accuracy"] = Nullable(trial.ValidationAccuracy),
            ["validation_cost"] = Nullable(trial.ValidationCost),
            ["train_rmse"] = Nullable(trial.TrainRmse),
            ["test_rmse"] = Nullable(trial.TestRmse),
            ["validation_rmse"] = Nullable(trial.ValidationRmse),
            ["train_r2"] = Nullable(trial.TrainR2),
            ["test_r2"] = Nullable(trial.TestR2),
            ["validation_r2"] = Nullable(trial.ValidationR2),
            ["notes"] = Nullable(trial.Notes),
            ["iterations_run"] = trial.IterationsRun,
            ["cost_curve"] = new BsonArray(trial.CostCurve.Select(p => (BsonValue)new BsonDocument
            {
                ["iteration"] = p.Iteration,
                ["cost"] = p.Cost,
            })),
            ["layer_norms"] = new BsonArray(trial.LayerNorms.Select(p => (BsonValue)new BsonDocument
            {
                ["iteration"] = p.Iteration,
                ["weight_norms"] = Doubles(p.WeightNorms),
                ["gradient_norms"] = Doubles(p.GradientNorms),
            })),
            ["symmetric_units"] = trial.SymmetricUnits,
            ["gradient_flow"] = Nullable(trial.GradientFlow),
            ["gradient_norm_ratio"] = Nullable(trial.GradientNormRatio),
            ["has_model"] = trial.ModelJson is not null,
            ["duration_ms"] = trial.DurationMs,
            ["node"] = trial.Node,
            ["attempts"] = trial.Attempts,
            ["started_at"] = trial.StartedAt.UtcTicks,
            ["finished_at"] = trial.FinishedAt.UtcTicks,
        };
    }

    public static BsonDocument ToModelDocument(TrialResult trial) => new()
    {
        [Id] = trial.TrialId,
        [Sweep] = trial.Sweep,
        [Json] = trial.ModelJson,
    };

    /// <summary>
    /// The trial a document holds; throws <see cref="FormatException"/>, naming the trial, when the document is not a
    /// trial this version can read (a field missing or of another type, as after damage or from another program).
    /// </summary>
    public static TrialResult FromDocument(BsonDocument document, string? modelJson)
    {
        string id = IdOf(document);
        try
        {
            return new TrialResult
            {
                TrialId = id,
                Sweep = Text(document, Sweep),
                SweepFileHash = Text(document, "sweep_file_hash"),
                Status = TrialResultStatus.IsValid(Text(document, Status)) ? Text(document, Status) : throw new InvalidCastException($"'{Text(document, Status)}' is not a trial status"),
                Message = NullableString(document["message"]),
                ConfigurationId = document["configuration_id"].IsNull ? "" : Text(document, "configuration_id"),
                Parameters = FromPairs(document["parameters"]),
                Settings = document["settings"].IsNull ? new Dictionary<string, string>() : FromPairs(document["settings"]),
                Initializer = Text(document, "initializer"),
                L2Lambda = document["l2_lambda"].AsDouble,
                KeepProb = document["keep_prob"].AsDouble,
                Seed = document["seed"].AsInt32,
                LearningRate = document["learning_rate"].AsDouble,
                Hidden = document["hidden"].AsArray.Select(h => h.AsInt32).ToArray(),
                Activation = Text(document, "activation"),
                GradcheckDifference = NullableDouble(document["gradcheck_difference"]),
                GradcheckWorst = NullableString(document["gradcheck_worst"]),
                TrainAccuracy = NullableDouble(document["train_accuracy"]),
                TestAccuracy = NullableDouble(document["test_accuracy"]),
                TrainCost = NullableDouble(document["train_cost"]),
                TestCost = NullableDouble(document["test_cost"]),

                // Missing in stores written before there were validation sets: LiteDB reads a missing field as null.
                ValidationAccuracy = NullableDouble(document["validation_accuracy"]),
                ValidationCost = NullableDouble(document["validation_cost"]),

                // Missing in stores written before there were regressions, read as null.
                TrainRmse = NullableDouble(document["train_rmse"]),
                TestRmse = NullableDouble(document["test_rmse"]),
                ValidationRmse = NullableDouble(document["validation_rmse"]),
                TrainR2 = NullableDouble(document["train_r2"]),
                TestR2 = NullableDouble(document["test_r2"]),
                ValidationR2 = NullableDouble(document["validation_r2"]),
                Notes = NullableString(document["notes"]),
                IterationsRun = document["iterations_run"].AsInt32,
                CostCurve = document["cost_curve"].AsArray
                    .Select(p => new CostPoint(p["iteration"].AsInt32, p["cost"].AsDouble))
                    .ToArray(),
                LayerNorms = document["layer_norms"].AsArray
                    .Select(p => new LayerNormsPoint(p["iteration"].AsInt32, ReadDoubles(p["weight_norms"]), ReadDoubles(p["gradient_norms"])))
                    .ToArray(),
                SymmetricUnits = document["symmetric_units"].AsBoolean,
                GradientFlow = NullableString(document["gradient_flow"]),
                GradientNormRatio = NullableDouble(document["gradient_norm_ratio"]),
                ModelJson = modelJson,
                DurationMs = document["duration_ms"].AsDouble,
                Node = Text(document, "node"),
                Attempts = document["attempts"].AsInt32,
                StartedAt = new DateTimeOffset(document["started_at"].AsInt64, TimeSpan.Zero),
                FinishedAt = new DateTimeOffset(document["finished_at"].AsInt64, TimeSpan.Zero),
            };
        }
        catch (Exception exception) when (exception is InvalidCastException or NullReferenceException or ArgumentException or OverflowException)
        {
            throw new FormatException($"stored trial {id} is not a trial document this version can read: {exception.Message}", exception);
        }
    }

    /// <summary>The document's id as text, whatever type damage left it with.</summary>
    public static string IdOf(BsonDocument document) => document[Id] switch
    {
        { IsString: true } id => id.AsString,
        { IsNull: true } => "(no id)",
        var id => id.ToString(),
    };

    public static bool HasModel(BsonDocument document) => document["has_model"].IsBoolean && document["has_model"].AsBoolean;

    /// <summary>A field that must hold text: LiteDB reads a missing field as null, which would pass for a value.</summary>
    private static string Text(BsonDocument document, string field) =>
        document[field] is { IsString: true } value ? value.AsString : throw new InvalidCastException($"field '{field}' is not text");

    private static BsonValue Nullable(string? value) => value is null ? BsonValue.Null : new BsonValue(value);

    private static BsonValue Nullable(double? value) => value is null ? BsonValue.Null : new BsonValue(value.Value);

    private static string? NullableString(BsonValue value) => value.IsNull ? null : value.AsString;

    private static double? NullableDouble(BsonValue value) => value.IsNull ? null : value.AsDouble;

    private static BsonArray Doubles(IEnumerable<double> values) => new(values.Select(v => new BsonValue(v)));

    private static double[] ReadDoubles(BsonValue value) => value.AsArray.Select(v => v.AsDouble).ToArray();

    /// <summary>Name/value pairs as an array of documents, which keeps their order (a BSON document's keys are names).</summary>
    private static BsonArray Pairs(IReadOnlyDictionary<string, string> values)
    {
        var pairs = new BsonArray();
        foreach (KeyValuePair<string, string> pair in values)
        {
            pairs.Add(new BsonDocument { ["name"] = pair.Key, ["value"] = pair.Value });
        }

        return pairs;
    }

    private static Dictionary<string, string> FromPairs(BsonValue pairs) =>
        pairs.AsArray.ToDictionary(p => Text(p.AsDocument, "name"), p => Text(p.AsDocument, "value"), StringComparer.Ordinal);
}
