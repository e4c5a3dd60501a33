using System.Globalization;
using Sweep.Training.Data;

namespace Sweep.Training.Models;

/// <summary>
/// How a model's predictions on raw rows compare with the rows' own labels, where the rows have them: the accuracy of a
/// classifier, the root mean squared error of a regression in the target's units. Rows whose label cell is empty are
/// left out, as training leaves them out; the sums run in row order, as the trial's evaluation does, so the test
/// file gives back the stored test metric to the last bit.
/// </summary>
/// <param name="Value">The accuracy, or the RMSE.</param>
/// <param name="Rows">The rows with a label that were scored.</param>
public sealed record PredictionScore(bool IsRmse, double Value, int Rows)
{
    /// <summary>The score of <paramref name="predictions"/> (one per row, as <see cref="TrainedModel.PredictRows"/> gives them); null when no row has a label.</summary>
    public static PredictionScore? Of(TrainedModel model, IReadOnlyList<string> predictions, IReadOnlyList<string?> labelCells)
    {
        ArgumentNullException.ThrowIfNull(model);
        bool values = model.TargetScaling is not null;
        int rows = 0;
        int correct = 0;
        double squaredError = 0.0;
        for (int j = 0; j < predictions.Count; j++)
        {
            if (labelCells[j] is not { Length: > 0 } cell)
            {
                continue;
            }

            rows++;
            if (values)
            {
                double target = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double y) && double.IsFinite(y)
                    ? y
                    : throw new DatasetException($"row {j + 1}: the label {CsvDatasetReader.Quote(cell)} is not a number, and the model predicts values");
                double error = double.Parse(predictions[j], CultureInfo.InvariantCulture) - target;
                squaredError += error * error;
            }
            else if (LabelEncoder.Canonical(cell, out _) == predictions[j])
            {
                correct++;
            }
        }

        return rows == 0 ? null
            : values ? new PredictionScore(true, Math.Sqrt(squaredError / rows), rows)
            : new PredictionScore(false, (double)correct / rows, rows);
    }
}
