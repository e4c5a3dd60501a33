using System.Globalization;
using Sweep.Training.Models;

namespace Sweep.Cli.Output;

/// <summary>What a stored model says about its data: the classes in order (index 0 first) or the target's scaling, and the raw columns.</summary>
internal static class ModelData
{
    /// <summary>E.g. <c>label Class, classes democrat, republican (in index order); 16 columns (16 categorical) -> 48 inputs</c>; null for an unreadable model.</summary>
    public static string? Describe(string modelJson)
    {
        TrainedModel model;
        try
        {
            model = TrainedModel.FromJson(modelJson);
        }
        catch (FormatException)
        {
            return null;
        }

        string target = model.TargetScaling is { } scaling
            ? string.Create(CultureInfo.InvariantCulture, $"a value (standardized for training with mean {scaling.Mean:G6}, std {scaling.Std:G6})")
            : $"classes {string.Join(", ", model.Classes)} (in index order)";
        if (model.Encoding is not { } encoding)
        {
            return target;
        }

        int categorical = encoding.Columns.Count(c => c.IsCategorical);
        return string.Create(CultureInfo.InvariantCulture,
            $"label {encoding.Label}: {target}; {encoding.Columns.Count} columns ({categorical} categorical) -> {encoding.Width} inputs");
    }
}
