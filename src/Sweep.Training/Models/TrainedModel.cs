using System.Text.Json;
using System.Text.Json.Serialization;
using Sweep.Training.Activations;
using System.Globalization;
using Sweep.Training.Data;
using Sweep.Training.Data.Tabular;
using Sweep.Training.Losses;
using Sweep.Training.Networks;
using Sweep.Training.Normalization;

namespace Sweep.Training.Models;

/// <summary>
/// A trained network with everything needed to predict on raw inputs: architecture, parameters, the training set's
/// normalization statistics (or none) and the class labels. Saved as JSON with the keys <c>layers</c> (sizes, input
/// first), <c>hidden_activation</c>, <c>output</c>, <c>weights</c> (per layer, n_out rows of n_in), <c>biases</c>,
/// <c>normalization</c> (<c>mean</c>, <c>std</c>, or null) and <c>classes</c> (empty for a linear output); a model
/// trained on CSV data adds <c>encoding</c> (the label column and, per raw column, its categories, fill value and
/// indicator), and a regression <c>target_scaling</c> (<c>mean</c>, <c>std</c>), so that it predicts on raw rows.
/// </summary>
public sealed partial class TrainedModel
{
    public TrainedModel(NetworkArchitecture architecture, double[] parameters, ZScoreNormalizer? normalization, IReadOnlyList<string> classes)
    {
        if (parameters.Length != architecture.ParameterCount)
        {
            throw new ArgumentException($"{parameters.Length} parameters for a network that has {architecture.ParameterCount}", nameof(parameters));
        }

        int expectedClasses = architecture.Output switch
        {
            SigmoidCrossEntropy => 2,
            { PredictsValues: true } => 0,
            _ => architecture.OutputSize,
        };
        if (classes.Count != expectedClasses)
        {
            throw new ArgumentException($"{classes.Count} class labels for a {architecture.Output.Name} output of {architecture.OutputSize} units", nameof(classes));
        }

        if (normalization is not null && normalization.FeatureCount != architecture.InputSize)
        {
            throw new ArgumentException($"normalization for {normalization.FeatureCount} features, network takes {architecture.InputSize}", nameof(normalization));
        }

        Architecture = architecture;
        Parameters = parameters;
        Normalization = normalization;
        Classes = classes;
    }

    public NetworkArchitecture Architecture { get; }

    public double[] Parameters { get; }

    public ZScoreNormalizer? Normalization { get; }

    public IReadOnlyList<string> Classes { get; }

    /// <summary>How raw CSV rows become the network's inputs; null for a model of generated data (or exported before there was one).</summary>
    public TableEncoding? Encoding { get; init; }

    /// <summary>A regression's target standardization, to report predictions in the target's units; null for a classifier.</summary>
    public TargetScaling? TargetScaling { get; init; }

    /// <summary>The predicted class label of every example of raw (unnormalized) features, features x examples.</summary>
    public string[] Predict(double[] rawFeatures, int examples)
    {
        int[] indices = new NetworkEvaluator(Architecture).Predict(Parameters, Prepare(rawFeatures, examples), examples);
        return indices.Select(i => Classes[i]).ToArray();
    }

    /// <summary>
    /// Accuracy and mean cross-entropy on a data set of raw (encoded, not normalized) features with this model's
    /// classes; for a regression, the RMSE and R^2 in the target's units and the cost on the standardized target.
    /// </summary>
    public Evaluation Evaluate(Dataset data)
    {
        if (!data.Classes.SequenceEqual(Classes))
        {
            throw new ArgumentException("the data set's classes differ from the model's: encode it with the model's classes");
        }

        var evaluator = new NetworkEvaluator(Architecture);
        double[] features = Prepare(data.Features, data.ExampleCount);
        return TargetScaling is { } scaling
            ? evaluator.EvaluateValues(Parameters, features, data.Targets, scaling)
            : evaluator.Evaluate(Parameters, features, data.Targets);
    }

    /// <summary>
    /// The prediction for every row of a raw table read with this model's columns
    /// (<see cref="CsvDatasetReader.ReadForModel"/>): the class label, or the value in round-trip form.
    /// </summary>
    public string[] PredictRows(RawTable rows) => PredictRows(rows, out _);

    /// <summary>
    /// <see cref="PredictRows(RawTable)"/>, with the cells whose category the training split lacked (encoded as all
    /// zeros) counted per column in <paramref name="unseen"/>.
    /// </summary>
    public string[] PredictRows(RawTable rows, out IReadOnlyDictionary<string, int> unseen)
    {
        ArgumentNullException.ThrowIfNull(rows);
        TableEncoding encoding = Encoding ?? throw new InvalidOperationException("the model has no encoding of raw columns");
        Dataset encoded = encoding.Encode(rows.Cells, rows.Categories, out unseen);
        double[] features = Prepare(encoded.Features, encoded.ExampleCount);
        var evaluator = new NetworkEvaluator(Architecture);
        return TargetScaling is { } scaling
            ? [.. evaluator.PredictValues(Parameters, features, encoded.ExampleCount, scaling).Select(v => v.ToString("R", CultureInfo.InvariantCulture))]
            : [.. evaluator.Predict(Parameters, features, encoded.ExampleCount).Select(i => Classes[i])];
    }

    public string ToJson() => JsonSerializer.Serialize(ToDocument(), ModelJson.Default.ModelDocument);

    public void Save(string path) => File.WriteAllText(path, ToJson());

    public static TrainedModel Load(string path) => FromJson(File.ReadAllText(path));

    /// <summary>Reads a model saved by <see cref="ToJson"/>; a malformed document throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static TrainedModel FromJson(string json)
    {
        ModelDocument document;
        try
        {
            document = JsonSerializer.Deserialize(json, ModelJson.Default.ModelDocument)
                ?? throw new FormatException("the model file is empty (null)");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"the model file is not valid model JSON: {exception.Message}", exception);
        }

        try
        {
            var architecture = new NetworkArchitecture(
                Require(document.Layers, "layers"),
                ActivationRegistry.Create(Require(document.HiddenActivation, "hidden_activation")),
                OutputLayerRegistry.Create(Require(document.Output, "output")));
            var weights = Require(document.Weights, "weights");
            var biases = Require(document.Biases, "biases");
            if (weights.Length != architecture.LayerCount || biases.Length != architecture.LayerCount)
            {
                throw new FormatException($"the model has {architecture.LayerCount} layers but {weights.Length} weight matrices and {biases.Length} bias vectors");
            }

            var parameters = new double[architecture.ParameterCount];
            for (int l = 1; l <= architecture.LayerCount; l++)
            {
                double[][] rows = weights[l - 1];
                if (rows.Length != architecture.Units(l) || rows.Any(r => r.Length != architecture.Units(l - 1)) || biases[l - 1].Length != architecture.Units(l))
                {
                    throw new FormatException($"layer {l}: expected weights of {architecture.Units(l)} rows x {architecture.Units(l - 1)} and {architecture.Units(l)} biases");
                }

                Span<double> w = architecture.Weights(parameters, l);
                for (int r = 0; r < rows.Length; r++)
                {
                    rows[r].CopyTo(w.Slice(r * rows[r].Length, rows[r].Length));
                }

                biases[l - 1].CopyTo(architecture.Biases(parameters, l));
            }

            ZScoreNormalizer? normalization = document.Normalization is null
                ? null
                : new ZScoreNormalizer(Require(document.Normalization.Mean, "normalization.mean"), Require(document.Normalization.Std, "normalization.std"));
            return new TrainedModel(architecture, parameters, normalization, Require(document.Classes, "classes"))
            {
                Encoding = document.Encoding is { } encoding
                    ? new TableEncoding(Require(encoding.Label, "encoding.label"), [.. Require(encoding.Columns, "encoding.columns").Select(c => new ColumnEncoding(Require(c.Name, "encoding.columns.name"), c.Categories, c.Fill, c.Indicator))])
                    : null,
                TargetScaling = document.TargetScaling is { } scaling
                    ? new TargetScaling(scaling.Mean ?? throw new FormatException("the model file lacks 'target_scaling.mean'"), scaling.Std ?? throw new FormatException("the model file lacks 'target_scaling.std'"))
                    : null,
            };
        }
        catch (ArgumentException exception)
        {
            throw new FormatException($"the model file is inconsistent: {exception.Message}", exception);
        }
    }

    private double[] Prepare(double[] rawFeatures, int examples)
    {
        if (Normalization is null)
        {
            return rawFeatures;
        }

        var features = (double[])rawFeatures.Clone();
        Normalization.ApplyInPlace(features, examples);
        return features;
    }

    private ModelDocument ToDocument()
    {
        int layers = Architecture.LayerCount;
        var weights = new double[layers][][];
        var biases = new double[layers][];
        for (int l = 1; l <= layers; l++)
        {
            int fanIn = Architecture.Units(l - 1);
            double[] w = Architecture.Weights(Parameters, l).ToArray();
            weights[l - 1] = Enumerable.Range(0, Architecture.Units(l)).Select(r => w[(r * fanIn)..((r + 1) * fanIn)]).ToArray();
            biases[l - 1] = Architecture.Biases(Parameters, l).ToArray();
        }

        return new ModelDocument
        {
            Layers = [.. Architecture.LayerSizes],
            HiddenActivation = Architecture.HiddenActivation.Name,
            Output = Architecture.Output.Name,
            Weights = weights,
            Biases = biases,
            Normalization = Normalization is null ? null : new NormalizationDocument { Mean = Normalization.Mean, Std = Normalization.Std },
            Classes = [.. Classes],
            Encoding = Encoding is null ? null : new EncodingDocument
            {
                Label = Encoding.Label,
                Columns = [.. Encoding.Columns.Select(c => new ColumnDocument { Name = c.Name, Categories = c.Categories?.ToArray(), Fill = c.Fill, Indicator = c.Indicator })],
            },
            TargetScaling = TargetScaling is null ? null : new TargetScalingDocument { Mean = TargetScaling.Mean, Std = TargetScaling.Std },
        };
    }

    private static T Require<T>(T? value, string key)
        where T : class =>
        value ?? throw new FormatException($"the model file lacks '{key}'");

    /// <summary>
    /// The model's JSON, generated at build time: every trial writes its model as it ends, and reflection would first
    /// compile accessors for each of these types at a process's first trial, on the trial's own thread.
    /// </summary>
    [JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
    [JsonSerializable(typeof(ModelDocument))]
    private sealed partial class ModelJson : JsonSerializerContext;

    private sealed class ModelDocument
    {
        public int[]? Layers { get; set; }

        public string? HiddenActivation { get; set; }

        public string? Output { get; set; }

        public double[][][]? Weights { get; set; }

        public double[][]? Biases { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
        public NormalizationDocument? Normalization { get; set; }

        public string[]? Classes { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public EncodingDocument? Encoding { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public TargetScalingDocument? TargetScaling { get; set; }
    }

    private sealed class EncodingDocument
    {
        public string? Label { get; set; }

        public ColumnDocument[]? Columns { get; set; }
    }

    private sealed class ColumnDocument
    {
        public string? Name { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public string[]? Categories { get; set; }

        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public double? Fill { get; set; }

        public bool Indicator { get; set; }
    }

    private sealed class TargetScalingDocument
    {
        public double? Mean { get; set; }

        public double? Std { get; set; }
    }

    private sealed class NormalizationDocument
    {
        public double[]? Mean { get; set; }

        public double[]? Std { get; set; }
    }
}
