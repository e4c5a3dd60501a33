namespace Sweep.Search.Parzen;

/// <summary>
/// A Parzen estimator over some of a space's parameters, as Optuna's <c>_ParzenEstimator</c> builds one: a mixture
/// with one component per observation plus a prior component, each component a product of one kernel per parameter.
/// A number's kernel is a normal truncated to the parameter's range (in log space for log ranges; an integer takes the
/// mass of its own unit interval); a categorical's kernel puts weight 1 on the observed choice and spreads
/// prior_weight / (n + 1) over every choice. The prior component is a wide normal centred on the range, or uniform
/// over the choices. Values come in and go out in the distributions' own units.
/// </summary>
internal sealed class ParzenEstimator
{
    // A component this far below the best, in log terms, changes the mixture's density by under e^-40 of it.
    private const double NegligibleLogRatio = 40;

    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private readonly ParameterModel[] _models;
    private readonly double[] _logComponentWeights;
    private readonly double[] _cumulativeComponentWeights;
    private readonly double[][] _mus;
    private readonly double[][] _sigmas;
    // Per component: -log sigma - log sqrt(2 pi) - log(mass within the range), so a continuous kernel's log density is
    // this minus z^2 / 2. Precomputed because the acquisition evaluates every component at every candidate.
    private readonly double[][] _logNormalizers;
    // For a number: the log of each component's mass within the range (widened, for an integer), which normalizes it.
    private readonly double[][] _logRangeMasses;
    // For a categorical: row k holds component k's cumulative choice probabilities (to sample) and their logs (to score).
    private readonly double[][] _choiceCumulative;
    private readonly double[][] _choiceLogProbabilities;
    private readonly double[] _scratch;
    private readonly double[] _boundScratch;

    /// <param name="models">The parameters the estimator covers.</param>
    /// <param name="observations">One row per observation, oldest first; the estimator reads the given columns.</param>
    /// <param name="columns">For each model, the position of its value in an observation row.</param>
    /// <param name="observationWeights">One weight per observation (Optuna's default_weights).</param>
    /// <param name="priorWeight">The weight of the prior component relative to one observation.</param>
    /// <param name="scottBandwidth">
    /// Multivariate TPE's bandwidth, 0.2 n^(-1/(d+4)) of the range for every kernel (Scott's rule as Optuna scales it);
    /// otherwise each kernel is as wide as the larger gap to its neighbours, Optuna's univariate rule.
    /// </param>
    public ParzenEstimator(
        ParameterModel[] models,
        IReadOnlyList<double[]> observations,
        int[] columns,
        double[] observationWeights,
        double priorWeight,
        bool scottBandwidth)
    {
        _models = models;
        int n = observations.Count;
        int components = n + 1;
        _logComponentWeights = new double[components];
        _cumulativeComponentWeights = new double[components];
        double total = priorWeight;
        for (int k = 0; k < n; k++)
        {
            total += observationWeights[k];
        }

        double cumulative = 0;
        for (int k = 0; k < components; k++)
        {
            // With no observation the prior is the whole mixture, whatever its weight.
            double weight = n == 0 ? 1.0 : (k < n ? observationWeights[k] : priorWeight) / total;
            _logComponentWeights[k] = Math.Log(weight);
            cumulative += weight;
            _cumulativeComponentWeights[k] = cumulative;
        }

        _cumulativeComponentWeights[components - 1] = 1.0;
        _mus = new double[models.Length][];
        _sigmas = new double[models.Length][];
        _logNormalizers = new double[models.Length][];
        _logRangeMasses = new double[models.Length][];
        _choiceCumulative = new double[models.Length][];
        _choiceLogProbabilities = new double[models.Length][];
        _scratch = new double[components];
        _boundScratch = new double[components];

        var values = new double[n];
        for (int p = 0; p < models.Length; p++)
        {
            ParameterModel model = models[p];
            for (int k = 0; k < n; k++)
            {
                values[k] = observations[k][columns[p]];
            }

            if (model.IsCategorical)
            {
                BuildChoiceKernels(p, values, priorWeight);
            }
            else
            {
                BuildNumberKernels(p, values, scottBandwidth);
            }
        }
    }

    /// <summary>The kernels' means of parameter p in model space, the prior's last (for tests of the bandwidth rule).</summary>
    internal IReadOnlyList<double> Means(int p) => _mus[p];

    /// <summary>The kernels' standard deviations of parameter p in model space, the prior's last.</summary>
    internal IReadOnlyList<double> Widths(int p) => _sigmas[p];

    /// <summary>Draws one point from the mixture: a component, then each parameter from that component's kernel.</summary>
    public void Sample(Random source, Span<double> point)
    {
        int component = Array.BinarySearch(_cumulativeComponentWeights, source.NextDouble());
        component = Math.Min(component < 0 ? ~component : component + 1, _cumulativeComponentWeights.Length - 1);
        for (int p = 0; p < _models.Length; p++)
        {
            ParameterModel model = _models[p];
            double u = source.NextDouble();
            if (model.IsCategorical)
            {
                double[] cumulative = _choiceCumulative[p];
                int row = component * model.Choices;
                int choice = 0;
                while (choice < model.Choices - 1 && cumulative[row + choice] <= u)
                {
                    choice++;
                }

                point[p] = choice;
                continue;
            }

            double mu = _mus[p][component];
            double sigma = _sigmas[p][component];
            double z = TruncatedNormal.Quantile(u, (model.Low - mu) / sigma, (model.High - mu) / sigma);
            point[p] = model.FromModel(mu + (sigma * z));
        }
    }

    /// <summary>The log density of the mixture at a point (for integers and choices, the log probability mass).</summary>
    public double LogDensity(ReadOnlySpan<double> point)
    {
        double[] terms = _scratch;
        _logComponentWeights.CopyTo(terms, 0);
        int components = terms.Length;
        bool hasIntegers = false;
        for (int p = 0; p < _models.Length; p++)
        {
            ParameterModel model = _models[p];
            double value = point[p];
            if (model.IsCategorical)
            {
                double[] logProbabilities = _choiceLogProbabilities[p];
                int choice = (int)value;
                for (int k = 0; k < components; k++)
                {
                    terms[k] += logProbabilities[(k * model.Choices) + choice];
                }
            }
            else if (model.IsInteger)
            {
                hasIntegers = true;
            }
            else
            {
                double x = model.ToModel(value);
                double[] mus = _mus[p];
                double[] sigmas = _sigmas[p];
                double[] normalizers = _logNormalizers[p];
                for (int k = 0; k < components; k++)
                {
                    double z = (x - mus[k]) / sigmas[k];
                    terms[k] += normalizers[k] - (0.5 * z * z);
                }
            }
        }

        if (hasIntegers)
        {
            AddIntegerTerms(point, terms);
        }

        return LogSumExp(terms);
    }

    /// <summary>
    /// Adds each component's log mass of the integers' unit intervals. The exact mass takes two normal CDFs per
    /// component, the bulk of a proposal's time, so a cheap upper bound (the interval's width times the density at
    /// its point nearest the mean) goes first: a component whose bound falls more than
    /// <see cref="NegligibleLogRatio"/> below the best component's exact term cannot move the log-sum-exp by more
    /// than e^-40 per component, and is left out.
    /// </summary>
    private void AddIntegerTerms(ReadOnlySpan<double> point, double[] terms)
    {
        int components = terms.Length;
        double[] bounds = _boundScratch;
        terms.CopyTo(bounds, 0);
        // The ends of each integer's unit interval in model space, the same for every component.
        Span<double> left = stackalloc double[_models.Length];
        Span<double> right = stackalloc double[_models.Length];
        for (int p = 0; p < _models.Length; p++)
        {
            if (_models[p].IsInteger)
            {
                left[p] = _models[p].ToModel(point[p] - 0.5);
                right[p] = _models[p].ToModel(point[p] + 0.5);
                for (int k = 0; k < components; k++)
                {
                    bounds[k] += IntegerTerm(p, k, left[p], right[p], exact: false);
                }
            }
        }

        int best = 0;
        for (int k = 1; k < components; k++)
        {
            best = bounds[k] > bounds[best] ? k : best;
        }

        double bestExact = terms[best];
        for (int p = 0; p < _models.Length; p++)
        {
            bestExact += _models[p].IsInteger ? IntegerTerm(p, best, left[p], right[p], exact: true) : 0;
        }

        for (int k = 0; k < components; k++)
        {
            if (bounds[k] < bestExact - NegligibleLogRatio)
            {
                terms[k] = double.NegativeInfinity;
                continue;
            }

            for (int p = 0; p < _models.Length; p++)
            {
                terms[k] += _models[p].IsInteger ? IntegerTerm(p, k, left[p], right[p], exact: true) : 0;
            }
        }
    }

    /// <summary>
    /// Component k's log mass of an integer's unit interval, [left, right] in model space, or an upper bound of it.
    /// </summary>
    private double IntegerTerm(int p, int k, double left, double right, bool exact)
    {
        double mu = _mus[p][k];
        double sigma = _sigmas[p][k];
        double a = (left - mu) / sigma;
        double b = (right - mu) / sigma;
        if (exact)
        {
            return TruncatedNormal.LogMass(a, b) - _logRangeMasses[p][k];
        }

        // log((b - a) phi(nearest)) less the range's mass; -log sigma - log sqrt(2 pi) - log(range mass) is the
        // component's normalizer, so only the interval's width in model units is left to take the log of.
        double nearest = a > 0 ? a : (b < 0 ? b : 0);
        return Math.Log(right - left) + _logNormalizers[p][k] - (0.5 * nearest * nearest);
    }

    private static double LogSumExp(double[] terms)
    {
        double max = double.NegativeInfinity;
        foreach (double term in terms)
        {
            max = Math.Max(max, term);
        }

        if (double.IsNegativeInfinity(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double term in terms)
        {
            // Terms this far below the largest add under e^-40 each; skipping their exp is most of the saving on a
            // large bad group, whose far components dwarf the near ones in number.
            if (term > max - NegligibleLogRatio)
            {
                sum += Math.Exp(term - max);
            }
        }

        return max + Math.Log(sum);
    }

    private void BuildChoiceKernels(int p, double[] observed, double priorWeight)
    {
        int choices = _models[p].Choices;
        int components = observed.Length + 1;
        var cumulative = new double[components * choices];
        var logProbabilities = new double[components * choices];
        // Optuna spreads prior_weight / (n + 1) over the choices of every row and adds 1 at each observed choice; the
        // prior's own row, with nothing added, is uniform.
        double spread = priorWeight / components;
        // Every observation's row holds the same two probabilities, so their logs are taken once.
        double observationRowTotal = (spread * choices) + 1;
        double logOther = Math.Log(spread / observationRowTotal);
        double logObserved = Math.Log((spread + 1) / observationRowTotal);
        for (int k = 0; k < components; k++)
        {
            bool isPrior = k == observed.Length;
            int observedChoice = isPrior ? -1 : (int)observed[k];
            double running = 0;
            for (int c = 0; c < choices; c++)
            {
                double probability;
                double logProbability;
                if (isPrior)
                {
                    probability = 1.0 / choices;
                    logProbability = -Math.Log(choices);
                }
                else
                {
                    probability = (spread + (c == observedChoice ? 1 : 0)) / observationRowTotal;
                    logProbability = c == observedChoice ? logObserved : logOther;
                }

                running += probability;
                cumulative[(k * choices) + c] = running;
                logProbabilities[(k * choices) + c] = logProbability;
            }

            cumulative[(k * choices) + choices - 1] = 1.0;
        }

        _choiceCumulative[p] = cumulative;
        _choiceLogProbabilities[p] = logProbabilities;
    }

    private void BuildNumberKernels(int p, double[] observed, bool scottBandwidth)
    {
        ParameterModel model = _models[p];
        int n = observed.Length;
        double low = model.Low;
        double high = model.High;
        double width = high - low;
        var mus = new double[n + 1];
        for (int k = 0; k < n; k++)
        {
            mus[k] = model.ToModel(observed[k]);
        }

        var sigmas = new double[n + 1];
        if (scottBandwidth)
        {
            double sigma = 0.2 * Math.Pow(Math.Max(n, 1), -1.0 / (_models.Length + 4)) * width;
            Array.Fill(sigmas, sigma, 0, n);
        }
        else
        {
            NeighbourBandwidths(mus, n, low, high, sigmas);
        }

        // Optuna's magic clip: no kernel narrower than the range over min(100, n + 2), nor wider than the range.
        double minSigma = width / Math.Min(100.0, n + 2.0);
        for (int k = 0; k < n; k++)
        {
            sigmas[k] = Math.Clamp(sigmas[k], minSigma, width);
        }

        mus[n] = 0.5 * (low + high);
        sigmas[n] = width;

        var logRangeMasses = new double[n + 1];
        var logNormalizers = new double[n + 1];
        for (int k = 0; k <= n; k++)
        {
            logRangeMasses[k] = TruncatedNormal.LogMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k]);
            logNormalizers[k] = -Math.Log(sigmas[k]) - LogSqrtTwoPi - logRangeMasses[k];
        }

        _mus[p] = mus;
        _sigmas[p] = sigmas;
        _logRangeMasses[p] = logRangeMasses;
        _logNormalizers[p] = logNormalizers;
    }

    /// <summary>
    /// Optuna's univariate bandwidth: sorted with the range's ends around them, each kernel is as wide as the larger
    /// gap to a neighbour; the first and last kernels look only inward (Optuna's consider_endpoints = False).
    /// </summary>
    private static void NeighbourBandwidths(double[] mus, int n, double low, double high, double[] sigmas)
    {
        if (n == 0)
        {
            return;
        }

        var order = new int[n];
        for (int k = 0; k < n; k++)
        {
            order[k] = k;
        }

        // Ties keep observation order, so equal observations always get their widths the same way round.
        Array.Sort(order, (x, y) =>
        {
            int byValue = mus[x].CompareTo(mus[y]);
            return byValue != 0 ? byValue : x.CompareTo(y);
        });
        for (int s = 0; s < n; s++)
        {
            double previous = s == 0 ? low : mus[order[s - 1]];
            double next = s == n - 1 ? high : mus[order[s + 1]];
            double here = mus[order[s]];
            sigmas[order[s]] = Math.Max(here - previous, next - here);
        }

        if (n >= 2)
        {
            sigmas[order[0]] = mus[order[1]] - mus[order[0]];
            sigmas[order[n - 1]] = mus[order[n - 1]] - mus[order[n - 2]];
        }
    }
}
