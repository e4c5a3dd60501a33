using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>
/// One trial setting: where it is written when fixed (<see cref="Section"/>), how a YAML node is read and checked,
/// and its default. Every setting can also be a search axis, under the same name.
/// </summary>
internal sealed class Setting
{
    public required string Name { get; init; }

    /// <summary><c>model</c>, <c>training</c> or <c>dataset</c>.</summary>
    public required string Section { get; init; }

    /// <summary>Reads one value (a fixed value or one axis value); null after adding an error.</summary>
    public required Func<YamlNode, string, ErrorList, SettingValue?> Read { get; init; }

    /// <summary>The value when the file gives none; null when the setting is required or resolved later (output).</summary>
    public SettingValue? Default { get; init; }

    /// <summary>Whether a range can be searched over the setting, and which (<c>uniform</c>, <c>log_uniform</c> or <c>int</c>).</summary>
    public SettingKind Kind { get; init; }
}

/// <summary>What kind of range a setting can be searched over.</summary>
internal enum SettingKind
{
    /// <summary>Names, booleans and layer sizes: only a list of choices.</summary>
    Choice,

    /// <summary>A real number: <c>uniform</c> or <c>log_uniform</c>.</summary>
    Real,

    /// <summary>A whole number: <c>int</c>, optionally with <c>log: true</c>.</summary>
    Integer,
}

/// <summary>A checked setting value and its canonical text (invariant culture, doubles round-trippable).</summary>
internal sealed record SettingValue(object? Value, string Canonical)
{
    public static SettingValue Of(int value) => new(value, value.ToString(CultureInfo.InvariantCulture));

    public static SettingValue Of(double value) => new(value, Format(value));

    public static SettingValue Of(bool value) => new(value, value ? "true" : "false");

    public static SettingValue Of(string value) => new(value, value);

    /// <summary>The shortest text that round-trips (<c>"R"</c>): 0.1 is <c>0.1</c>, 1.0 is <c>1</c>.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
