using System.Globalization;
using LiteDB;
using Sweep.Domain;

namespace Sweep.Storage;

/// <summary>
/// The stored shape of a trial, written by hand rather than by LiteDB's reflection mapper so that the field names
/// (snake_case, as the CLI's JSON), the precision and the handling of nulls are fixed here and nowhere else:
/// timestamps are UTC ticks (a BSON date keeps only milliseconds), parameters are an array of name/value pairs (axis
/// names may contain dots, which a BSON field name should not), and the model lives in its own collection so that
/// listings and rankings never read it. Each trial also has a summary (<see cref="SummaryOf"/>): the same document
/// without its cost curve and layer norms, which are most of its bytes and which no listing or ranking prints.
/// </summary>
internal static class TrialDocuments
{
    public const string Id = "_id";
    public const string Sweep = "sweep";
    public const string Status = "status";
    public const string Json = "json";
    public const string CostCurve = "cost_curve";
    public const string LayerNorms = "layer_norms";
    public const string ConfigurationId = "configuration_id";
    public const string Seed = "seed";

    /// <summary>
    /// The field that holds the trial's ranking key (<see cref="RankKeyOf"/>), indexed, so that a ranking reads the
    /// index's keys alone: LiteDB answers a query that touches only an indexed field from the index, reading no document.
    /// Its presence on every trial also says that every trial was stored by a version that keeps the summaries and
    /// their pages (<see cref="SummaryPages"/>) up to date: the field was named anew when the pages came.
    /// </summary>
    public const string RankKey = "rank_key";

    /// <summary>Where versions before the summary pages kept the ranking key: removed from a trial when it is keyed anew.</summary>
    public const string FormerRankKey = "rank";

    /// <summary>ASCII's unit separator: in no trial id, configuration id, status, number or sweep name.</summary>
    private const char KeySeparator = '\u001F';

    /// <summary>Below LiteDB's limit on an index key (1,023 bytes); a longer key is not stored (a sweep named at such length).</summary>
    private const int MaxRankKeyBytes = 1000;

    /// <summary>Id, status, configuration id, seed, the metrics of <see cref="TrialMetrics.All"/>, the sweep.</summary>
    private static readonly int RankKeyParts = 4 + TrialMetrics.All.Count + 1;

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
            [ConfigurationId] = trial.ConfigurationId,
            ["parameters"] = parameters,
            ["settings"] = Pairs(trial.Settings),
            ["initializer"] = trial.Initializer,
            ["l2_lambda"] = trial.L2Lambda,
            ["keep_prob"] = trial.KeepProb,
            [Seed] = trial.Seed,
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
            [CostCurve] = new BsonArray(trial.CostCurve.Select(p => (BsonValue)new BsonDocument
            {
                ["iteration"] = p.Iteration,
                ["cost"] = p.Cost,
            })),
            [LayerNorms] = new BsonArray(trial.LayerNorms.Select(p => (BsonValue)new BsonDocument
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
            [RankKey] = RankKeyOf(trial),
        };
    }

    /// <summary>
    /// What a ranking reads of a trial, as one string: its id, status, configuration id, seed, every metric of
    /// <see cref="TrialMetrics.All"/> (round-trip text, empty when null) and its sweep, in that order, separated by
    /// <see cref="KeySeparator"/> (the sweep last, so that nothing it holds can shift the other fields). Null when the
    /// key would be too long for LiteDB's index; the store then ranks such a sweep from the documents.
    /// </summary>
    public static BsonValue RankKeyOf(TrialResult trial)
    {
        var key = new System.Text.StringBuilder(160);
        key.Append(trial.TrialId).Append(KeySeparator).Append(trial.Status).Append(KeySeparator).Append(trial.ConfigurationId)
            .Append(KeySeparator).Append(trial.Seed.ToString(CultureInfo.InvariantCulture));
        foreach (string metric in TrialMetrics.All)
        {
            key.Append(KeySeparator);
            if (TrialMetrics.ValueOf(trial, metric) is { } value)
            {
                key.Append(value.ToString("R", CultureInfo.InvariantCulture));
            }
        }

        string text = key.Append(KeySeparator).Append(trial.Sweep).ToString();
        return System.Text.Encoding.UTF8.GetByteCount(text) <= MaxRankKeyBytes ? new BsonValue(text) : BsonValue.Null;
    }

    /// <summary>
    /// The trial as far as a ranking reads it, from its ranking key (<see cref="RankKeyOf"/>): id, sweep, status,
    /// configuration id, seed and metrics, everything else left at its default. Throws <see cref="FormatException"/>
    /// for a key that is not one.
    /// </summary>
    public static TrialResult FromRankKey(string key)
    {
        string[] parts = key.Split(KeySeparator, RankKeyParts);
        if (parts.Length != RankKeyParts || !TrialResultStatus.IsValid(parts[1]))
        {
            throw new FormatException($"the ranking key '{key.Replace(KeySeparator, '|')}' is not one this version can read");
        }

        double? Metric(string name)
        {
            string text = parts[4 + IndexOfMetric(name)];
            return text.Length == 0 ? null
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
                : throw new FormatException($"trial {parts[0]}'s ranking key holds '{text}' for {name}, not a number");
        }

        return new TrialResult
        {
            TrialId = parts[0],
            Status = parts[1],
            ConfigurationId = parts[2],
            Seed = int.TryParse(parts[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
                ? seed
                : throw new FormatException($"trial {parts[0]}'s ranking key holds '{parts[3]}' for its seed, not a whole number"),
            Sweep = parts[^1],
            SweepFileHash = "",
            TrainAccuracy = Metric(TrialMetrics.TrainAccuracy),
            TestAccuracy = Metric(TrialMetrics.TestAccuracy),
            TrainCost = Metric(TrialMetrics.TrainCost),
            TestCost = Metric(TrialMetrics.TestCost),
            ValidationAccuracy = Metric(TrialMetrics.ValidationAccuracy),
            ValidationCost = Metric(TrialMetrics.ValidationCost),
            TrainRmse = Metric(TrialMetrics.TrainRmse),
            TestRmse = Metric(TrialMetrics.TestRmse),
            ValidationRmse = Metric(TrialMetrics.ValidationRmse),
            TrainR2 = Metric(TrialMetrics.TrainR2),
            TestR2 = Metric(TrialMetrics.TestR2),
            ValidationR2 = Metric(TrialMetrics.ValidationR2),
        };
    }

    private static int IndexOfMetric(string metric)
    {
        for (int i = 0; i < TrialMetrics.All.Count; i++)
        {
            if (TrialMetrics.All[i] == metric)
            {
                return i;
            }
        }

        throw TrialMetrics.Unknown(metric, nameof(metric));
    }

    /// <summary>
    /// The trial's summary: its document, field for field in the same order, without the cost curve and layer norms
    /// (and the ranking key, which is there for the trials' index). What <c>sweep best</c> and <c>sweep trials</c>
    /// read, so that they never read the curves.
    /// </summary>
    public static BsonDocument SummaryOf(BsonDocument trial)
    {
        var summary = new BsonDocument();
        foreach (KeyValuePair<string, BsonValue> field in trial)
        {
            if (field.Key is not (CostCurve or LayerNorms or RankKey or FormerRankKey))
            {
                summary[field.Key] = field.Value;
            }
        }

        return summary;
    }

    public static BsonDocument ToModelDocument(TrialResult trial) => new()
    {
        [Id] = trial.TrialId,
        [Sweep] = trial.Sweep,
        [Json] = trial.ModelJson,
    };

    /// <summary>
    /// The fields of a trial's document (or summary) that a ranking reads: id, sweep, status, configuration, seed and
    /// every metric (<see cref="RankingTrialOf"/>). A LiteDB projection, so that a query deserializes nothing else.
    /// </summary>
    public static string RankingProjection { get; } =
        $"{{ {Id}: $.{Id}, {Sweep}: $.{Sweep}, {Status}: $.{Status}, {ConfigurationId}: $.{ConfigurationId}, {Seed}: $.{Seed}, " +
        string.Join(", ", TrialMetrics.All.Select(m => $"{m}: $.{m}")) + " }";

    /// <summary>
    /// The trial as far as a ranking reads it (<see cref="RankingProjection"/>): id, sweep, status, configuration id, seed
    /// and metrics; everything else is left at its default. Throws <see cref="FormatException"/> as <see cref="FromDocument"/> does.
    /// </summary>
    public static TrialResult RankingTrialOf(BsonDocument document)
    {
        string id = IdOf(document);
        try
        {
            return Ranked(id, document);
        }
        catch (Exception exception) when (exception is InvalidCastException or NullReferenceException or ArgumentException or OverflowException)
        {
            throw Unreadable(id, exception);
        }
    }

    /// <summary>
    /// The trial a document holds; throws <see cref="FormatException"/>, naming the trial, when the document is not a
    /// trial this version can read (a field missing or of another type, as after damage or from another program).
    /// </summary>
    /// <param name="withCurves">False for a summary (<see cref="SummaryOf"/>), which has no curves to read: they are left empty.</param>
    public static TrialResult FromDocument(BsonDocument document, string? modelJson, bool withCurves = true)
    {
        string id = IdOf(document);
        try
        {
            return Ranked(id, document) with
            {
                SweepFileHash = Text(document, "sweep_file_hash"),
                Message = NullableString(document["message"]),
                Parameters = FromPairs(document["parameters"]),
                Settings = document["settings"].IsNull ? new Dictionary<string, string>() : FromPairs(document["settings"]),
                Initializer = Text(document, "initializer"),
                L2Lambda = document["l2_lambda"].AsDouble,
                KeepProb = document["keep_prob"].AsDouble,
                LearningRate = document["learning_rate"].AsDouble,
                Hidden = document["hidden"].AsArray.Select(h => h.AsInt32).ToArray(),
                Activation = Text(document, "activation"),
                GradcheckDifference = NullableDouble(document["gradcheck_difference"]),
                GradcheckWorst = NullableString(document["gradcheck_worst"]),
                Notes = NullableString(document["notes"]),
                IterationsRun = document["iterations_run"].AsInt32,
                CostCurve = withCurves
                    ? document[CostCurve].AsArray.Select(p => new CostPoint(p["iteration"].AsInt32, p["cost"].AsDouble)).ToArray()
                    : [],
                LayerNorms = withCurves
                    ? document[LayerNorms].AsArray
                        .Select(p => new LayerNormsPoint(p["iteration"].AsInt32, ReadDoubles(p["weight_norms"]), ReadDoubles(p["gradient_norms"])))
                        .ToArray()
                    : [],
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
            throw Unreadable(id, exception);
        }
    }

    private static TrialResult Ranked(string id, BsonDocument document) => new()
    {
        TrialId = id,
        Sweep = Text(document, Sweep),
        SweepFileHash = "",
        Status = TrialResultStatus.IsValid(Text(document, Status)) ? Text(document, Status) : throw new InvalidCastException($"'{Text(document, Status)}' is not a trial status"),
        ConfigurationId = document[ConfigurationId].IsNull ? "" : Text(document, ConfigurationId),
        Seed = document[Seed].AsInt32,
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
    };

    private static FormatException Unreadable(string id, Exception exception) =>
        new($"stored trial {id} is not a trial document this version can read: {exception.Message}", exception);

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
