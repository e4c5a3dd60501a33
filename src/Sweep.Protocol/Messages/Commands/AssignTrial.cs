using Sweep.Training.Training;

namespace Sweep.Protocol.Messages.Commands;

/// <summary>
/// The coordinator hands one trial to a worker. <paramref name="Attempt"/> counts from 1; the data comes separately,
/// by <paramref name="DatasetKey"/>, so that a worker fetches each data set once. <paramref name="Parameters"/> are the
/// searched settings, <paramref name="Settings"/> all of them, both in canonical text.
/// </summary>
public sealed record AssignTrial(
    string TrialId,
    string ConfigurationId,
    string Sweep,
    string SweepFileHash,
    string DatasetKey,
    int Attempt,
    IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Settings,
    TrialDefinition Definition) : ISweepMessage;
