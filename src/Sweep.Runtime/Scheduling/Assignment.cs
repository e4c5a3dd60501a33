using Sweep.Config;

namespace Sweep.Runtime.Scheduling;

/// <summary>A trial handed to a worker, and which start of it this is (1 for the first).</summary>
public sealed record Assignment(TrialPlan Trial, int Attempt);
