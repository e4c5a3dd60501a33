using Sweep.Training.Training;

namespace Sweep.Protocol.Messages.Commands;

/// <summary>
/// The coordinator hands one trial to a worker. <paramref name="Attempt"/> counts from 1; the data comes separately,
/// by <paramref name="DatasetKey"/>, so that a worker fetches each data set once.
/// </summary>
public sealed record AssignTrial(
    string TrialId,
    string Sweep,
    string SweepFileHash,
    string DatasetKey,
    int Attempt,
    IReadOnlyDictionary<string, string> Parameters,
    TrialDefinition Definition) : ISweepMessage;
