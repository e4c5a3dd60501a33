namespace Sweep.Protocol.Messages.Queries;

/// <summary>A worker asks the coordinator for the data set a trial trains on.</summary>
public sealed record FetchDataset(string DatasetKey) : ISweepMessage;

/// <summary>The data set, already split (and not normalized: each trial normalizes from its own training set).</summary>
public sealed record FetchDatasetResponse(string DatasetKey, DatasetPayload Data) : ISweepMessage;
