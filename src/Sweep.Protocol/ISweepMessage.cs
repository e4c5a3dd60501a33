namespace Sweep.Protocol;

/// <summary>
/// Marks every message that may cross between nodes. Exactly these types are bound to
/// <see cref="Serialization.SweepMessageSerializer"/>; nothing else is ever deserialized from the wire.
/// </summary>
public interface ISweepMessage;
