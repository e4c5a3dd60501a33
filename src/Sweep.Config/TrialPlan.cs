using Sweep.Training.Training;

namespace Sweep.Config;

/// <summary>One grid point of a sweep, ready to run.</summary>
/// <param name="TrialId">
/// 16 lower-case hex characters: the start of the SHA-256 of the sweep's name and every resolved setting of the
/// trial (not only its axes) in canonical text, so it is the same on every run and machine and changes when any
/// setting does.
/// </param>
/// <param name="Parameters">
/// The sweep's axes (<see cref="SweepDefinition.Axes"/>, in file order) and this trial's canonical value of each:
/// invariant culture, doubles in round-trip form (<c>0.7</c>, <c>1</c>), names in lower case (<c>random:10</c>),
/// hidden sizes as <c>[10,5]</c>, booleans <c>true</c>/<c>false</c>.
/// </param>
/// <param name="Definition">The engine's definition of the trial, for <see cref="TrialRunner.Run"/>.</param>
public sealed record TrialPlan(string TrialId, IReadOnlyDictionary<string, string> Parameters, TrialDefinition Definition);
