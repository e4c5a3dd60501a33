using System.Text.Json.Serialization;

namespace Sweep.Storage;

/// <summary>The lock file's JSON, generated at build time rather than compiled by reflection at every start of a coordinator.</summary>
[JsonSerializable(typeof(CoordinatorLockHolder))]
internal sealed partial class LockHolderJson : JsonSerializerContext;
