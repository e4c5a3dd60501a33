using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// Loads the text into YamlDotNet's representation model, which keeps every node's start mark (1-based line and
/// column) for error messages; a plain deserializer would lose them. JSON is read the same way (it is YAML). The text's
/// nesting and aliases are checked first (<see cref="YamlLimits"/>), because the model cannot build deep ones safely.
/// </summary>
internal static class YamlLoader
{
    /// <summary>The root node of the single document, or null after adding an error.</summary>
    public static YamlNode? LoadSingleDocument(string text, ErrorList errors)
    {
        if (!YamlLimits.Check(text, errors))
        {
            return null;
        }

        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, null, $"malformed YAML: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet 18 throws these bare exceptions for some malformed text (a truncated flow collection, "a: [1, 2"
            // then a new key; a key left empty, "  : 10000"); the scanner's position is where it gave up, which is the
            // best place to point at.
            errors.Add(scanner.CurrentPosition, null,
                "malformed YAML: the parser stopped here; look for a '[' or '{' that is not closed, or a missing comma");
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            errors.Add(null, null, "the file is empty: expected a mapping with at least 'name', 'dataset' and 'model'");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(stream.Documents[1].RootNode, null,
                "a second YAML document ('---') starts here; a sweep file holds exactly one");
            return null;
        }

        return stream.Documents[0].RootNode;
    }
}
