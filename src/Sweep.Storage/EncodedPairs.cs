using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Sweep.Storage;

/// <summary>
/// A trial's parameters or settings read straight from its summary page: each pair is two indices into the page's
/// strings, read when the pairs are looked up or listed. A listing of 20,000 trials built two dictionaries a trial
/// from its pages, about 24 MB that it then looked at a few entries of; this keeps the page's bytes, which are read
/// anyway, and a few fields. A trial has a dozen settings or so, so a lookup scans them in order, which is also the
/// order the sweep file gave them.
/// </summary>
internal sealed class EncodedPairs : IReadOnlyDictionary<string, string>
{
    private readonly byte[] _page;
    private readonly int _start;
    private readonly string[] _strings;

    /// <summary>
    /// The <paramref name="count"/> pairs encoded from <paramref name="start"/> in <paramref name="page"/>, each index
    /// already checked to name one of <paramref name="strings"/> (<see cref="SummaryPage.Decode"/>).
    /// </summary>
    public EncodedPairs(byte[] page, int start, int count, string[] strings)
    {
        _page = page;
        _start = start;
        _strings = strings;
        Count = count;
    }

    public int Count { get; }

    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"no setting '{key}'");

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<string> Values => this.Select(pair => pair.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int position = _start;
        for (int i = 0; i < Count; i++)
        {
            string name = _strings[SummaryPage.ReadEncoded(_page, ref position)];
            int valueIndex = SummaryPage.ReadEncoded(_page, ref position);
            if (string.Equals(name, key, StringComparison.Ordinal))
            {
                value = _strings[valueIndex];
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        int position = _start;
        for (int i = 0; i < Count; i++)
        {
            string name = _strings[SummaryPage.ReadEncoded(_page, ref position)];
            yield return new KeyValuePair<string, string>(name, _strings[SummaryPage.ReadEncoded(_page, ref position)]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
