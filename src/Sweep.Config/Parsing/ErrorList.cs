using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sweep.Config.Parsing;

/// <summary>Collects the problems of one sweep file so that they are all reported together.</summary>
internal sealed class ErrorList(string sourcePath)
{
    private readonly List<SweepFileError> _errors = [];

    public string SourcePath { get; } = sourcePath;

    public int Count => _errors.Count;

    public bool HasErrors => _errors.Count > 0;

    /// <summary>A problem at a node; a null node is the file as a whole.</summary>
    public void Add(YamlNode? node, string? keyPath, string problem)
    {
        if (node is null)
        {
            _errors.Add(new SweepFileError(SourcePath, keyPath, null, null, problem));
        }
        else
        {
            Add(StartOf(node), keyPath, problem);
        }
    }

    /// <summary>
    /// Where a node starts. YamlDotNet leaves the start of a single-pair mapping inside a flow sequence
    /// (<c>[a, b: 1]</c>) empty, so such a mapping is placed at its first key.
    /// </summary>
    public static Mark StartOf(YamlNode node) =>
        node is YamlMappingNode { Start.Index: 0, Children.Count: > 0 } mapping && mapping.Children.Keys.First().Start.Index > 0
            ? mapping.Children.Keys.First().Start
            : node.Start;

    public void Add(Mark mark, string? keyPath, string problem) =>
        _errors.Add(new SweepFileError(SourcePath, keyPath, (int)mark.Line, (int)mark.Column, problem));

    public void Add(NodeLocation at, string problem) =>
        _errors.Add(new SweepFileError(SourcePath, at.KeyPath, at.Line, at.Column, problem));

    /// <summary>The problems in file order (those without a position first), as one exception.</summary>
    public SweepFileException ToException(Exception? innerException = null)
    {
        SweepFileError[] ordered = [.. _errors.OrderBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0)];
        return new SweepFileException(SourcePath, ordered, innerException);
    }

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw ToException();
        }
    }
}

/// <summary>A key's path and its node's position, kept after parsing to name it in later errors (bad data at run time).</summary>
internal sealed record NodeLocation(string KeyPath, int Line, int Column)
{
    public static NodeLocation Of(YamlNode node, string keyPath)
    {
        Mark start = ErrorList.StartOf(node);
        return new(keyPath, (int)start.Line, (int)start.Column);
    }
}
