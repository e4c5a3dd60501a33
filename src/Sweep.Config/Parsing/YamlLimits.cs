using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Sweep.Config.Parsing;

/// <summary>
/// Checks the shape of a YAML text from its event stream before YamlDotNet builds the representation model, which
/// recurses once per level of nesting (100,000 '[' overflow the stack, which no handler can catch) and would resolve
/// aliases into a graph that, walked or hashed, grows exponentially ("billion laughs": each of ten lists naming the
/// previous one ten times is 10^10 values). A sweep file is a few levels deep and a few hundred values long.
/// </summary>
internal static class YamlLimits
{
    /// <summary>Deepest nesting of lists and mappings, counting what an alias brings in.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most values the document holds with every alias expanded.</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>
    /// False after adding an error at the first place the text goes too deep or expands too far. Malformed YAML is
    /// left to the loader, which reports it with its own message (true).
    /// </summary>
    public static bool Check(string text, ErrorList errors)
    {
        var open = new Stack<OpenCollection>();
        var anchors = new Dictionary<string, Extent>(StringComparer.Ordinal);
        long total = 0;
        var parser = new Parser(new StringReader(text));
        try
        {
            while (parser.MoveNext())
            {
                ParsingEvent current = parser.Current!;
                Extent? added = null;
                switch (current)
                {
                    case AnchorAlias alias:
                        string name = alias.Value.Value;
                        if (open.Any(c => c.Anchor == name))
                        {
                            errors.Add(alias.Start, null, $"the alias *{name} is inside the node it names, which would contain itself without end");
                            return false;
                        }

                        added = anchors.TryGetValue(name, out Extent extent) ? extent : new Extent(1, 0);
                        break;
                    case Scalar scalar:
                        added = new Extent(1, 0);
                        Remember(scalar.Anchor, added.Value, anchors);
                        break;
                    case NodeEvent { } start when current is SequenceStart or MappingStart:
                        if (open.Count + 1 > MaxDepth)
                        {
                            errors.Add(start.Start, null, TooDeep());
                            return false;
                        }

                        total++;
                        open.Push(new OpenCollection(start.Anchor.IsEmpty ? null : start.Anchor.Value));
                        break;
                    case SequenceEnd or MappingEnd:
                        OpenCollection done = open.Pop();
                        var closed = new Extent(done.Nodes + 1, done.Height + 1);
                        if (done.Anchor is not null)
                        {
                            anchors[done.Anchor] = closed;
                        }

                        if (open.Count > 0)
                        {
                            open.Peek().Add(closed);
                        }

                        break;
                }

                if (added is { } value)
                {
                    if (open.Count + value.Height > MaxDepth)
                    {
                        errors.Add(current.Start, null, TooDeep());
                        return false;
                    }

                    total += value.Nodes;
                    if (open.Count > 0)
                    {
                        open.Peek().Add(value);
                    }
                }

                if (total > MaxExpandedNodes)
                {
                    errors.Add(current.Start, null, string.Create(CultureInfo.InvariantCulture,
                        $"the document holds more than {MaxExpandedNodes} values once its aliases (*name) are expanded; a sweep file needs a few hundred"));
                    return false;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return true;
        }

        return true;
    }

    private static string TooDeep() => string.Create(CultureInfo.InvariantCulture,
        $"the lists and mappings nest more than {MaxDepth} deep here; a sweep file needs a few levels (look for unclosed '[' or '{{')");

    private static void Remember(AnchorName anchor, Extent extent, Dictionary<string, Extent> anchors)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = extent;
        }
    }

    /// <summary>A node's values with aliases expanded, and how many levels of lists and mappings it nests.</summary>
    private readonly record struct Extent(long Nodes, int Height);

    private sealed class OpenCollection(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        public long Nodes { get; private set; }

        public int Height { get; private set; }

        public void Add(Extent child)
        {
            Nodes += child.Nodes;
            Height = Math.Max(Height, child.Height);
        }
    }
}
