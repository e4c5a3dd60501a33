using Sweep.Training.Networks;
using Sweep.Training.Random;
using Sweep.Training.Regularization;

namespace Sweep.Training.GradientChecking;

/// <summary>
/// Compares backpropagation's gradient with centered differences <c>(J(theta + eps e_i) - J(theta - eps e_i)) / 2 eps</c>
/// over every parameter, the gate a trial passes before it trains.
/// </summary>
public static class GradientChecker
{
    /// <summary>
    /// Backprop's gradient counts as zero when its norm is within this many ulps of the cost per parameter: the
    /// course's zeros initialization gives exact zeros or a few ulps, a real gradient is orders of magnitude larger.
    /// </summary>
    private const double BackpropRoundingUlps = 4096.0;

    /// <summary>
    /// Checks a network's own backprop at <paramref name="parameters"/> on a seeded subset of at most
    /// <see cref="GradientCheckOptions.MaxExamples"/> examples, with the trial's L2 lambda and, when
    /// <paramref name="keepProb"/> &lt; 1, with dropout masks drawn once and frozen so that the dropout backward
    /// path is verified too. The cost is computed from the logits, so a saturated output (log(0) in the naive
    /// formula) still gives finite differences.
    /// </summary>
    public static GradientCheckResult Check(
        NetworkArchitecture architecture,
        double[] parameters,
        double[] features,
        double[] y,
        double l2Lambda,
        double keepProb,
        RandomSource random,
        GradientCheckOptions? options = null)
    {
        options ??= new GradientCheckOptions();
        int examples = y.Length;
        int used = Math.Min(examples, options.MaxExamples);
        var (subsetFeatures, subsetY) = Subset(features, y, architecture.InputSize, used, random);
        bool dropout = keepProb < 1.0;
        var propagation = new Propagation(architecture, used, dropout);
        if (dropout)
        {
            new Dropout(architecture, keepProb, DropoutMaskMode.Fixed, random).Prepare(propagation, used);
        }

        var analytic = new double[architecture.ParameterCount];
        propagation.Forward(parameters, subsetFeatures, used, dropout);
        propagation.Backward(parameters, subsetFeatures, subsetY, used, l2Lambda, dropout, analytic);

        var perturbed = new PerturbedCost(architecture, propagation, parameters, subsetFeatures, subsetY, l2Lambda, dropout);
        var numeric = new double[architecture.ParameterCount];
        var acrossKink = new bool[architecture.ParameterCount];
        double largestCost = 0.0;
        for (int i = 0; i < numeric.Length; i++)
        {
            double plus = perturbed.Evaluate(i, options.Epsilon);
            acrossKink[i] = perturbed.CrossedKink;
            double minus = perturbed.Evaluate(i, -options.Epsilon);
            acrossKink[i] |= perturbed.CrossedKink;
            numeric[i] = (plus - minus) / (2.0 * options.Epsilon);
            largestCost = Math.Max(largestCost, Math.Max(Math.Abs(plus), Math.Abs(minus)));
        }

        return Summarize(architecture, analytic, numeric, acrossKink, largestCost, options, used);
    }

    /// <summary>
    /// The comparison itself, for any cost function of the flat parameter vector and any claimed gradient.
    /// A gradient that is zero everywhere compared with differences that are zero up to rounding noise
    /// (the 0/0 case of zeros initialization) counts as agreement, difference 0.
    /// </summary>
    public static GradientCheckResult Compare(
        NetworkArchitecture architecture,
        double[] parameters,
        double[] analytic,
        Func<double[], double> cost,
        GradientCheckOptions options)
    {
        int count = parameters.Length;
        double epsilon = options.Epsilon;
        var theta = (double[])parameters.Clone();
        var numeric = new double[count];
        double largestCost = 0.0;
        for (int i = 0; i < count; i++)
        {
            double original = theta[i];
            theta[i] = original + epsilon;
            double plus = cost(theta);
            theta[i] = original - epsilon;
            double minus = cost(theta);
            theta[i] = original;
            numeric[i] = (plus - minus) / (2.0 * epsilon);
            largestCost = Math.Max(largestCost, Math.Max(Math.Abs(plus), Math.Abs(minus)));
        }

        return Summarize(architecture, analytic, numeric, new bool[count], largestCost, options, examplesUsed: 0);
    }

    private static GradientCheckResult Summarize(
        NetworkArchitecture architecture, double[] analytic, double[] numeric, bool[] acrossKink, double largestCost, GradientCheckOptions options, int examplesUsed)
    {
        int count = analytic.Length;
        double errorSquares = 0.0, analyticSquares = 0.0, numericSquares = 0.0;
        for (int i = 0; i < count; i++)
        {
            if (acrossKink[i])
            {
                continue;
            }

            double error = analytic[i] - numeric[i];
            errorSquares += error * error;
            analyticSquares += analytic[i] * analytic[i];
            numericSquares += numeric[i] * numeric[i];
        }

        double errorNorm = Math.Sqrt(errorSquares);
        double analyticNorm = Math.Sqrt(analyticSquares);
        double numericNorm = Math.Sqrt(numericSquares);
        double denominator = analyticNorm + numericNorm;

        // Each centered difference carries a rounding error of about ulp(J) / epsilon. When the error norm is within
        // that noise for every parameter, the two gradients agree as far as the arithmetic can tell.
        double costScale = Math.Max(largestCost, 1.0);
        double costUlp = Math.BitIncrement(costScale) - costScale;
        double noiseFloor = 4.0 * costUlp / options.Epsilon * Math.Sqrt(count);

        // That agreement is only honest when backprop's gradient is itself zero up to its own rounding (zeros
        // initialization). A numeric gradient lost in the noise beside a real backprop gradient means the check saw
        // nothing: an epsilon so small that J(theta + eps) == J(theta - eps), or a backprop that is wrong where the
        // true gradient is 0. Either way it must not pass.
        double backpropRounding = BackpropRoundingUlps * costUlp * Math.Sqrt(count);
        bool numericVanished = numericNorm <= noiseFloor && analyticNorm > backpropRounding;
        double difference = errorNorm <= noiseFloor && denominator <= 2.0 * noiseFloor && !numericVanished ? 0.0 : errorNorm / denominator;

        return new GradientCheckResult(difference, options.Threshold, Worst(architecture, analytic, numeric, acrossKink, options.WorstCount), examplesUsed, count, acrossKink.Count(k => k))
        {
            AnalyticNorm = analyticNorm,
            NumericNorm = numericNorm,
            NumericGradientVanished = numericVanished,
        };
    }

    /// <summary>
    /// The <paramref name="worstCount"/> parameters with the largest absolute disagreement, worst first (ties in
    /// parameter order), kept in a small heap so that a network of millions of parameters needs no sort of them all.
    /// </summary>
    private static List<ParameterDiscrepancy> Worst(NetworkArchitecture architecture, double[] analytic, double[] numeric, bool[] acrossKink, int worstCount)
    {
        // The heap's minimum is the kept entry that ranks last: the smallest error, and of equal errors the later index.
        var kept = new PriorityQueue<int, (double Error, int Index)>(
            Comparer<(double Error, int Index)>.Create((a, b) => a.Error.CompareTo(b.Error) is var byError and not 0 ? byError : b.Index.CompareTo(a.Index)));
        for (int i = 0; i < analytic.Length && worstCount > 0; i++)
        {
            if (acrossKink[i])
            {
                continue;
            }

            double error = Math.Abs(analytic[i] - numeric[i]);
            if (kept.Count < worstCount)
            {
                kept.Enqueue(i, (error, i));
            }
            else if (kept.TryPeek(out _, out var last) && error.CompareTo(last.Error) > 0)
            {
                kept.DequeueEnqueue(i, (error, i));
            }
        }

        var worst = new List<ParameterDiscrepancy>(kept.Count);
        while (kept.TryDequeue(out int index, out _))
        {
            worst.Add(new ParameterDiscrepancy(architecture.Locate(index), analytic[index], numeric[index]));
        }

        worst.Reverse();
        return worst;
    }

    private static (double[] Features, double[] Y) Subset(double[] features, double[] y, int featureCount, int used, RandomSource random)
    {
        int examples = y.Length;
        if (used == examples)
        {
            return (features, y);
        }

        int[] chosen = random.Permutation(examples)[..used];
        var subsetFeatures = new double[featureCount * used];
        var subsetY = new double[used];
        for (int j = 0; j < used; j++)
        {
            subsetY[j] = y[chosen[j]];
            for (int f = 0; f < featureCount; f++)
            {
                subsetFeatures[f * used + j] = features[f * examples + chosen[j]];
            }
        }

        return (subsetFeatures, subsetY);
    }
}
