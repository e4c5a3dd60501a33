using Sweep.Search.Distributions;

namespace Sweep.Search.Parzen;

/// <summary>
/// How a Parzen estimator sees one parameter, after Optuna's <c>_ParzenEstimator</c>: a categorical by its number of
/// choices, a number by the range its kernels live on. That range is in log space for log distributions, and an
/// integer's is widened by half a step on each side so that each integer owns an interval of the same width.
/// </summary>
internal sealed class ParameterModel
{
    private ParameterModel(int choices, double low, double high, bool isLog, bool isInteger, double valueLow, double valueHigh)
    {
        Choices = choices;
        Low = low;
        High = high;
        IsLog = isLog;
        IsInteger = isInteger;
        ValueLow = valueLow;
        ValueHigh = valueHigh;
    }

    /// <summary>The number of choices of a categorical; 0 for a number.</summary>
    public int Choices { get; }

    public bool IsCategorical => Choices > 0;

    /// <summary>The low end of the kernels' range, in model space.</summary>
    public double Low { get; }

    /// <summary>The high end of the kernels' range, in model space.</summary>
    public double High { get; }

    public bool IsLog { get; }

    public bool IsInteger { get; }

    /// <summary>The smallest value of the distribution, in its own units.</summary>
    public double ValueLow { get; }

    /// <summary>The largest value of the distribution, in its own units.</summary>
    public double ValueHigh { get; }

    public static ParameterModel For(IParameterDistribution distribution) => distribution switch
    {
        ChoiceDistribution choice => new ParameterModel(choice.Count, 0, 0, false, false, 0, choice.Count - 1),
        UniformDistribution uniform => new ParameterModel(0, uniform.Low, uniform.High, false, false, uniform.Low, uniform.High),
        LogUniformDistribution log => new ParameterModel(
            0, Math.Log(log.Low), Math.Log(log.High), true, false, log.Low, log.High),
        IntDistribution integer => new ParameterModel(
            0,
            integer.Log ? Math.Log(integer.Low - 0.5) : integer.Low - 0.5,
            integer.Log ? Math.Log(integer.High + 0.5) : integer.High + 0.5,
            integer.Log,
            true,
            integer.Low,
            integer.High),
        _ => throw new ArgumentException($"TPE does not know the distribution {distribution.Describe()}.", nameof(distribution)),
    };

    /// <summary>A value in the distribution's units, mapped to where the kernels live.</summary>
    public double ToModel(double value) => IsLog ? Math.Log(value) : value;

    /// <summary>A point drawn in model space, back in the distribution's units: rounded for integers, within range.</summary>
    public double FromModel(double modelValue)
    {
        double value = IsLog ? Math.Exp(modelValue) : modelValue;
        if (IsInteger)
        {
            value = Math.Round(value, MidpointRounding.ToEven);
        }

        return Math.Clamp(value, ValueLow, ValueHigh);
    }
}
