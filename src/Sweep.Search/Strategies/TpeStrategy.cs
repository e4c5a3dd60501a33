using System.Globalization;
using Sweep.Search.Parzen;
using Sweep.Search.Sampling;

namespace Sweep.Search.Strategies;

/// <summary>
/// The tree-structured Parzen estimator (Watanabe 2023, "Tree-structured Parzen Estimator: Understanding Its Algorithm
/// Components for Better Empirical Performance", arXiv 2304.11127), with Optuna's TPESampler defaults: the good group
/// is the best gamma(n) = min(ceil(0.1 n), 25) outcomes, l(x) and g(x) are Parzen estimators of the good and the bad
/// group, and each proposal is the candidate drawn from l that maximizes log l(x) - log g(x).
/// </summary>
/// <remarks>
/// Reproducible in parallel: configuration i learns only from configurations 0 .. i - Parallel, and can be asked only
/// once all of them are told. Until there are StartupConfigurations of those, it is the random draw for (seed, i).
/// Earlier proposals are kept, since later ones learn from them; after a restart, asking an index recomputes every
/// proposal before it from the outcomes replayed with Tell. Not thread-safe: one caller asks and tells.
/// </remarks>
public sealed class TpeStrategy : ISearchStrategy
{
    private readonly SearchSpace _space;
    private readonly TpeOptions _options;
    private readonly ParameterModel[] _models;
    private readonly double?[] _losses;
    private readonly bool[] _told;
    private readonly List<double[]> _proposals = [];
    private int _toldPrefix;

    public TpeStrategy(SearchSpace space, TpeOptions options)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _space = space;
        _options = options;
        _models = new ParameterModel[space.Parameters.Count];
        for (int p = 0; p < _models.Length; p++)
        {
            _models[p] = ParameterModel.For(space.Parameters[p].Distribution);
        }

        _losses = new double?[options.Samples];
        _told = new bool[options.Samples];
    }

    public int Count => _options.Samples;

    /// <summary>True once every configuration up to <paramref name="index"/> - Parallel has been told.</summary>
    public bool CanAsk(int index) => index >= 0 && index < Count && index - _options.Parallel < _toldPrefix;

    public Configuration Ask(int index)
    {
        IndexCheck.InSearch(index, Count);
        if (!CanAsk(index))
        {
            throw new InvalidOperationException(
                $"Configuration {index} learns from configurations 0 .. {index - _options.Parallel}, and {_toldPrefix} is not told yet.");
        }

        // Every configuration before this one can be asked too, and this one learns from some of them.
        while (_proposals.Count <= index)
        {
            _proposals.Add(Propose(_proposals.Count));
        }

        return new Configuration(index, Array.AsReadOnly(_proposals[index]));
    }

    public void Tell(int index, double? loss)
    {
        IndexCheck.InSearch(index, Count);
        // NaN and infinities are what a diverged trial reports: they rank as failures, not as losses.
        double? outcome = loss is { } value && double.IsFinite(value) ? value : null;
        if (_told[index])
        {
            if (_losses[index] != outcome)
            {
                throw new InvalidOperationException(
                    $"Configuration {index} was told {Describe(_losses[index])} and now {Describe(outcome)}.");
            }

            return;
        }

        _told[index] = true;
        _losses[index] = outcome;
        while (_toldPrefix < Count && _told[_toldPrefix])
        {
            _toldPrefix++;
        }
    }

    private static string Describe(double? outcome) =>
        outcome is { } value ? value.ToString("R", CultureInfo.InvariantCulture) : "a failure";

    private double[] Propose(int index)
    {
        int usable = Math.Max(0, index - _options.Parallel + 1);
        if (usable < _options.StartupConfigurations)
        {
            return RandomStrategy.Draw(_space, _options.Seed, index);
        }

        var (good, bad) = GoodBadSplit.Split(new ArraySegment<double?>(_losses, 0, usable));
        double[][] goodRows = Rows(good);
        double[][] badRows = Rows(bad);
        double[] goodWeights = ObservationWeights.For(good.Length);
        double[] badWeights = ObservationWeights.For(bad.Length);
        Random source = DrawSource.For(_options.Seed, index, DrawPurpose.TpeProposal);

        var proposal = new double[_models.Length];
        if (_options.Multivariate)
        {
            int[] all = new int[_models.Length];
            for (int p = 0; p < all.Length; p++)
            {
                all[p] = p;
            }

            var l = new ParzenEstimator(_models, goodRows, all, goodWeights, _options.PriorWeight, scottBandwidth: true);
            var g = new ParzenEstimator(_models, badRows, all, badWeights, _options.PriorWeight, scottBandwidth: true);
            BestCandidate(l, g, source, proposal);
            return proposal;
        }

        // Univariate TPE, Optuna's sample_independent: each parameter has estimators of its own and is chosen alone.
        var candidate = new double[1];
        for (int p = 0; p < _models.Length; p++)
        {
            ParameterModel[] model = [_models[p]];
            int[] column = [p];
            var l = new ParzenEstimator(model, goodRows, column, goodWeights, _options.PriorWeight, scottBandwidth: false);
            var g = new ParzenEstimator(model, badRows, column, badWeights, _options.PriorWeight, scottBandwidth: false);
            BestCandidate(l, g, source, candidate);
            proposal[p] = candidate[0];
        }

        return proposal;
    }

    /// <summary>Draws the candidates from l and keeps the first with the highest log l - log g.</summary>
    private void BestCandidate(ParzenEstimator l, ParzenEstimator g, Random source, double[] best)
    {
        Span<double> candidate = stackalloc double[best.Length];
        double bestScore = double.NegativeInfinity;
        for (int c = 0; c < _options.Candidates; c++)
        {
            l.Sample(source, candidate);
            double score = l.LogDensity(candidate) - g.LogDensity(candidate);
            if (c == 0 || score > bestScore)
            {
                bestScore = score;
                candidate.CopyTo(best);
            }
        }
    }

    private double[][] Rows(int[] indices)
    {
        var rows = new double[indices.Length][];
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r] = _proposals[indices[r]];
        }

        return rows;
    }
}
