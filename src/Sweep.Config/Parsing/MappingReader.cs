using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// A YAML mapping whose keys are checked against the keys allowed there: an unknown key is an error that suggests
/// the closest known key, or the section it belongs to. Keys are case-sensitive, as in YAML.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

    private MappingReader(YamlMappingNode node, string path, YamlNode owner)
    {
        Node = node;
        Path = path;
        Owner = owner;
    }

    public YamlMappingNode Node { get; }

    /// <summary>
    /// The key that introduced the mapping (the mapping itself at the root), where a missing key is reported: a block
    /// mapping starts at its first key, one line below the key a reader looks for.
    /// </summary>
    public YamlNode Owner { get; }

    /// <summary>The mapping's own path (empty for the root).</summary>
    public string Path { get; }

    /// <summary>The known keys present, in file order.</summary>
    public IEnumerable<string> Keys => _entries.Keys;

    /// <summary>
    /// Reads <paramref name="node"/> as a mapping, reporting keys that are not in <paramref name="known"/>
    /// (<paramref name="unknownKeyProblem"/> may explain a key that belongs elsewhere). Returns null, after adding an
    /// error, when the node is not a mapping.
    /// </summary>
    public static MappingReader? Open(
        YamlNode node, string path, IReadOnlyCollection<string> known, ErrorList errors, Func<string, string?>? unknownKeyProblem = null, YamlNode? owner = null)
    {
        if (node is not YamlMappingNode mapping)
        {
            errors.Add(node, path.Length == 0 ? null : path,
                $"expected a mapping of {Describe(known)}, but found {Scalars.Describe(node)}");
            return null;
        }

        var reader = new MappingReader(mapping, path, owner ?? mapping);
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key } scalarKey)
            {
                errors.Add(keyNode, path.Length == 0 ? null : path, "keys must be plain names");
                continue;
            }

            if (known.Contains(key))
            {
                reader._entries[key] = (scalarKey, value);
                continue;
            }

            string? problem = unknownKeyProblem?.Invoke(key);
            if (problem is null)
            {
                string? closest = KeySuggestions.Closest(key, known);
                problem = closest is not null
                    ? $"unknown key '{key}'; did you mean '{closest}'?"
                    : $"unknown key '{key}'; the keys allowed here are {string.Join(", ", known)}";
            }

            errors.Add(keyNode, reader.PathOf(key), problem);
        }

        return reader;
    }

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _entries.ContainsKey(key);

    public bool TryGet(string key, out YamlNode value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return true;
        }

        value = null!;
        return false;
    }

    /// <summary>The key's own node (for errors about the key rather than its value).</summary>
    public YamlScalarNode KeyNode(string key) => _entries[key].Key;

    private static string Describe(IReadOnlyCollection<string> known) =>
        known.Count <= 6 ? $"keys ({string.Join(", ", known)})" : "keys";
}
