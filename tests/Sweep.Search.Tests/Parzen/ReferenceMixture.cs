using MathNet.Numerics.Distributions;
using Sweep.Search.Parzen;

namespace Sweep.Search.Tests.Parzen;

/// <summary>
/// A Parzen mixture written out plainly from its definition with MathNet's normal distribution: no precomputed
/// normalizers, no pruning. The kernels' means and widths come from the estimator, whose bandwidth rule is tested
/// on its own.
/// </summary>
internal sealed class ReferenceMixture
{
    private readonly ParameterModel[] _models;
    private readonly double[][] _observations;
    private readonly double[] _weights;
    private readonly double _priorWeight;
    private readonly ParzenEstimator _estimator;

    public ReferenceMixture(ParameterModel[] models, double[][] observations, double[] observationWeights, double priorWeight, ParzenEstimator estimator)
    {
        _models = models;
        _observations = observations;
        _priorWeight = priorWeight;
        _estimator = estimator;
        _weights = [.. observationWeights, priorWeight];
        double total = _weights.Sum();
        for (int k = 0; k < _weights.Length; k++)
        {
            _weights[k] /= total;
        }
    }

    public double LogDensity(IReadOnlyList<double> point)
    {
        double total = 0;
        for (int k = 0; k < _weights.Length; k++)
        {
            double product = _weights[k];
            for (int p = 0; p < _models.Length; p++)
            {
                product *= Kernel(p, k, point[p]);
            }

            total += product;
        }

        return Math.Log(total);
    }

    /// <summary>The mixture's probability below <paramref name="x"/>, for a one-parameter continuous mixture.</summary>
    public double Cdf(double x)
    {
        double total = 0;
        for (int k = 0; k < _weights.Length; k++)
        {
            Normal normal = KernelNormal(0, k);
            double low = normal.CumulativeDistribution(_models[0].Low);
            double mass = normal.CumulativeDistribution(_models[0].High) - low;
            total += _weights[k] * (normal.CumulativeDistribution(_models[0].ToModel(x)) - low) / mass;
        }

        return total;
    }

    private Normal KernelNormal(int p, int k) => new(_estimator.Means(p)[k], _estimator.Widths(p)[k]);

    private double Kernel(int p, int k, double value)
    {
        ParameterModel model = _models[p];
        bool isPrior = k == _observations.Length;
        if (model.IsCategorical)
        {
            if (isPrior)
            {
                return 1.0 / model.Choices;
            }

            double spread = _priorWeight / (_observations.Length + 1);
            double hit = _observations[k][p] == value ? 1 : 0;
            return (spread + hit) / ((spread * model.Choices) + 1);
        }

        Normal normal = KernelNormal(p, k);
        double mass = normal.CumulativeDistribution(model.High) - normal.CumulativeDistribution(model.Low);
        if (model.IsInteger)
        {
            return (normal.CumulativeDistribution(model.ToModel(value + 0.5)) - normal.CumulativeDistribution(model.ToModel(value - 0.5))) / mass;
        }

        return normal.Density(model.ToModel(value)) / mass;
    }
}
