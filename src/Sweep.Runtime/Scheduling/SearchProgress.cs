using Sweep.Config;
using Sweep.Domain;
using Sweep.Search.Strategies;

namespace Sweep.Runtime.Scheduling;

/// <summary>
/// The search's side of a sweep: asks the strategy for configurations in order, as soon as it can propose them, turns
/// each into its trials, and tells the strategy a configuration's outcome once all its trials are finished. Because
/// a strategy's proposal depends only on the outcomes it was told by index, and configurations are asked in order,
/// the trials are the same whatever the number of workers, the order results arrive in, or a restart that replays
/// stored results. Two configurations that come out the same share their trials, which run once.
/// </summary>
public sealed class SearchProgress
{
    private readonly TrialSource _source;
    private readonly string _metric;
    private readonly bool _higherIsBetter;
    private readonly ISearchStrategy _strategy;
    private readonly Dictionary<string, TrialPlan> _trials = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _configurationsOf = new(StringComparer.Ordinal);
    private readonly List<IReadOnlyList<string>> _configurationTrials = [];
    private readonly Dictionary<string, double?> _values = new(StringComparer.Ordinal);
    private int _next;

    public SearchProgress(TrialSource source, string metric, bool higherIsBetter)
    {
        ArgumentNullException.ThrowIfNull(source);
        _source = source;
        _metric = metric;
        _higherIsBetter = higherIsBetter;
        _strategy = source.CreateStrategy();
    }

    /// <summary>How many trials the sweep has: those proposed so far and those its remaining configurations will be.</summary>
    public int Total => _trials.Count + ((_strategy.Count - _next) * _source.Repeats);

    /// <summary>How many configurations have been proposed.</summary>
    public int Proposed => _next;

    /// <summary>Every configuration has been proposed and every trial is finished.</summary>
    public bool IsFinished => _next == _strategy.Count && _values.Count == _trials.Count;

    public TrialPlan? Find(string trialId) => _trials.GetValueOrDefault(trialId);

    /// <summary>
    /// Proposes every configuration the strategy can propose now, in order, and returns their trials that are new
    /// (a configuration the same as an earlier one adds none).
    /// </summary>
    public IReadOnlyList<TrialPlan> Propose()
    {
        var added = new List<TrialPlan>();
        while (_next < _strategy.Count && _strategy.CanAsk(_next))
        {
            int index = _next++;
            IReadOnlyList<TrialPlan> trials = _source.TrialsOf(_strategy.Ask(index));
            _configurationTrials.Add([.. trials.Select(t => t.TrialId)]);
            foreach (TrialPlan trial in trials)
            {
                if (_trials.TryAdd(trial.TrialId, trial))
                {
                    added.Add(trial);
                    _configurationsOf[trial.TrialId] = [];
                }

                _configurationsOf[trial.TrialId].Add(index);
            }

            TellIfFinished(index);
        }

        return added;
    }

    /// <summary>A trial of the search is finished (stored): the configurations it completes are told to the strategy.</summary>
    public void Finish(TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        double? value = TrialRanking.Of(trial, _metric)?.Value;
        Finish(trial.TrialId, value);
    }

    /// <summary>A trial whose stored result cannot be read: done, and a bad outcome for its configuration.</summary>
    public void FinishUnreadable(string trialId) => Finish(trialId, null);

    private void Finish(string trialId, double? value)
    {
        if (!_configurationsOf.TryGetValue(trialId, out List<int>? configurations) || !_values.TryAdd(trialId, value))
        {
            return;
        }

        foreach (int index in configurations)
        {
            TellIfFinished(index);
        }
    }

    /// <summary>
    /// A configuration's loss is its mean metric over its seeds, negated when higher is better; a configuration with
    /// a trial that did not complete (failed, diverged, gradient check failed) is a failure, which the strategy counts
    /// as bad.
    /// </summary>
    private void TellIfFinished(int index)
    {
        IReadOnlyList<string> trials = _configurationTrials[index];
        if (!trials.All(_values.ContainsKey))
        {
            return;
        }

        double? loss = null;
        if (trials.All(t => _values[t] is not null))
        {
            double mean = trials.Average(t => _values[t]!.Value);
            loss = _higherIsBetter ? -mean : mean;
        }

        _strategy.Tell(index, loss);
    }
}
