using Akka.Streams;
using Sweep.Protocol.Datasets;

namespace Sweep.Protocol.Messages.Queries;

/// <summary>A worker asks the coordinator for the data set a trial trains on.</summary>
public sealed record FetchDataset(string DatasetKey) : ISweepMessage;

/// <summary>
/// The data set, already split (and not normalized: each trial normalizes from its own training set): its layout in
/// this message, its bytes in chunks through <paramref name="Chunks"/>, a stream reference the worker has 30 seconds
/// to start reading (Akka's subscription timeout) and that the coordinator fills only as fast as the worker reads.
/// </summary>
public sealed record FetchDatasetResponse(string DatasetKey, DatasetLayout Layout, ISourceRef<byte[]> Chunks) : ISweepMessage;

/// <summary>The coordinator cannot send the data set <paramref name="DatasetKey"/>; <paramref name="Reason"/> says why, in words.</summary>
public sealed record DatasetUnavailable(string DatasetKey, string Reason) : ISweepMessage;
