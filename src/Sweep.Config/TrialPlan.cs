using Sweep.Training.Training;

namespace Sweep.Config;

/// <summary>One trial of a sweep, ready to run.</summary>
/// <param name="TrialId">
/// 16 lower-case hex characters: the start of the SHA-256 of the sweep's name and every resolved setting of the
/// trial (not only its searched ones) in canonical text, so it is the same on every run and machine and changes when
/// any setting does.
/// </param>
/// <param name="ConfigurationId">
/// The same hash without the trial's <c>seed</c>: the trials of one configuration trained with several seeds
/// (<c>repeats</c>) share it.
/// </param>
/// <param name="Parameters">
/// The sweep's searched settings (<see cref="SweepDefinition.Axes"/>, in file order) and this trial's canonical value
/// of each: invariant culture, doubles in round-trip form (<c>0.7</c>, <c>1</c>), names in lower case
/// (<c>random:10</c>), hidden sizes as <c>[10,5]</c>, booleans <c>true</c>/<c>false</c>.
/// </param>
/// <param name="Settings">Every setting of the trial, searched or not, by name, in the same canonical text.</param>
/// <param name="Definition">The engine's definition of the trial, for <see cref="TrialRunner.Run"/>.</param>
public sealed record TrialPlan(
    string TrialId,
    string ConfigurationId,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Settings,
    TrialDefinition Definition);
