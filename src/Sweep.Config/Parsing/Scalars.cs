using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// Reads typed values from YAML nodes, adding an error (and returning false) when the node has the wrong type.
/// Numbers and booleans must be plain scalars: a quoted <c>"0.5"</c> is text, as YAML and JSON define it.
/// </summary>
internal static class Scalars
{
    private const string StringTag = "tag:yaml.org,2002:str";

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } s && !IsExplicitString(s) && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    /// <summary>The text of any non-null scalar (a number written plainly is read as its text).</summary>
    public static bool TryText(YamlNode node, string path, ErrorList errors, string expected, out string value)
    {
        value = string.Empty;
        if (node is not YamlScalarNode scalar || IsNull(node))
        {
            errors.Add(node, path, $"expected {expected}, but found {Describe(node)}");
            return false;
        }

        value = scalar.Value ?? string.Empty;
        return true;
    }

    public static bool TryInt(YamlNode node, string path, ErrorList errors, out int value)
    {
        value = 0;
        if (!TryNumberText(node, path, errors, "a whole number", out string text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        errors.Add(node, path, long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? $"{text} is too large: expected a whole number between {int.MinValue} and {int.MaxValue}"
            : $"expected a whole number, but found {Describe(node)}");
        return false;
    }

    /// <summary>A finite number (integers are numbers too).</summary>
    public static bool TryDouble(YamlNode node, string path, ErrorList errors, out double value)
    {
        value = 0;
        if (!TryNumberText(node, path, errors, "a number", out string text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value))
        {
            return true;
        }

        errors.Add(node, path, $"expected a finite number, but found {Describe(node)}");
        return false;
    }

    public static bool TryBool(YamlNode node, string path, ErrorList errors, out bool value)
    {
        value = false;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && !IsExplicitString(scalar))
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE":
                    value = true;
                    return true;
                case "false" or "False" or "FALSE":
                    return true;
            }
        }

        errors.Add(node, path, $"expected true or false, but found {Describe(node)}");
        return false;
    }

    /// <summary>How a node looks, for messages: <c>the text "abc"</c>, <c>12</c>, <c>a list</c>, <c>a mapping</c>.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "no value",
        YamlScalarNode { Style: ScalarStyle.Plain } s when !IsExplicitString(s) => Quote(s.Value ?? string.Empty, quoted: false),
        YamlScalarNode s => "the quoted text " + Quote(s.Value ?? string.Empty, quoted: true),
        _ => "something else",
    };

    /// <summary>A value for messages, shortened when long.</summary>
    public static string Quote(string text, bool quoted = true)
    {
        string shown = text.Length > 40 ? text[..37] + "..." : text;
        return quoted ? $"\"{shown}\"" : $"'{shown}'";
    }

    private static bool TryNumberText(YamlNode node, string path, ErrorList errors, string expected, out string text)
    {
        text = string.Empty;
        if (node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && !IsExplicitString(scalar) && !IsNull(node))
        {
            text = scalar.Value ?? string.Empty;
            return true;
        }

        string hint = node is YamlScalarNode s && !IsNull(s) ? " (numbers are written without quotes)" : string.Empty;
        errors.Add(node, path, $"expected {expected}, but found {Describe(node)}{hint}");
        return false;
    }

    private static bool IsExplicitString(YamlScalarNode node) =>
        !node.Tag.IsEmpty && !node.Tag.IsNonSpecific && node.Tag.Value == StringTag;
}
