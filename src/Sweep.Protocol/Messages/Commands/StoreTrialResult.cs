using Sweep.Domain;

namespace Sweep.Protocol.Messages.Commands;

/// <summary>
/// A worker delivers a finished trial. It resends until <see cref="Events.TrialResultStored"/> comes back; the store
/// keeps the first final result per trial id, so a resent or duplicate result is never stored twice.
/// </summary>
public sealed record StoreTrialResult(TrialResult Result) : ISweepMessage;
