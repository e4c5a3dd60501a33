namespace Sweep.Training.Data;

/// <summary>A training set and a test set with the same features and classes.</summary>
public sealed record DatasetSplit(Dataset Train, Dataset Test);
