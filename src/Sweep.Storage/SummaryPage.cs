using System.Buffers.Binary;
using Sweep.Domain;

namespace Sweep.Storage;

/// <summary>
/// The summaries of many trials (each trial without its cost curve, layer norms and model, as
/// <see cref="TrialDocuments.SummaryOf"/> keeps it) encoded as one binary value: a page of <see cref="SummaryPages"/>.
/// Listing or ranking 20,000 trials then reads a few hundred LiteDB documents instead of 20,000, which is most of what
/// those queries cost (LiteDB spends about 14 us on each 40-field summary document).
/// <para>
/// Layout (little-endian, counts as 7-bit encoded integers): a format byte; the page's distinct strings, each once
/// (parameter and setting names and values, statuses and nodes repeat from trial to trial); then the trials, each
/// field in <see cref="TrialResult"/>'s order with a string as its index in that table (plus one for a nullable string,
/// zero for null) and a nullable number as a presence byte and the number.
/// </para>
/// </summary>
internal static class SummaryPage
{
    /// <summary>Changes whenever the layout does; pages of another format are rebuilt from the trials (<see cref="SummaryPages"/>).</summary>
    public const byte Format = 1;

    public static byte[] Encode(IReadOnlyList<TrialResult> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            int IndexOf(string value)
            {
                if (!strings.TryGetValue(value, out int index))
                {
                    index = strings.Count;
                    strings.Add(value, index);
                }

                return index;
            }

            void Text(string value) => writer.Write7BitEncodedInt(IndexOf(value));

            void NullableText(string? value) => writer.Write7BitEncodedInt(value is null ? 0 : IndexOf(value) + 1);

            void NullableNumber(double? value)
            {
                writer.Write(value.HasValue);
                if (value.HasValue)
                {
                    writer.Write(value.Value);
                }
            }

            void Pairs(IReadOnlyDictionary<string, string> pairs)
            {
                writer.Write7BitEncodedInt(pairs.Count);
                foreach (KeyValuePair<string, string> pair in pairs)
                {
                    Text(pair.Key);
                    Text(pair.Value);
                }
            }

            writer.Write7BitEncodedInt(trials.Count);
            foreach (TrialResult trial in trials)
            {
                Text(trial.TrialId);
                Text(trial.Sweep);
                Text(trial.SweepFileHash);
                Text(trial.Status);
                NullableText(trial.Message);
                Text(trial.ConfigurationId);
                Pairs(trial.Parameters);
                Pairs(trial.Settings);
                Text(trial.Initializer);
                writer.Write(trial.L2Lambda);
                writer.Write(trial.KeepProb);
                writer.Write(trial.Seed);
                writer.Write(trial.LearningRate);
                writer.Write7BitEncodedInt(trial.Hidden.Count);
                foreach (int units in trial.Hidden)
                {
                    writer.Write(units);
                }

                Text(trial.Activation);
                NullableNumber(trial.GradcheckDifference);
                NullableText(trial.GradcheckWorst);
                NullableNumber(trial.TrainAccuracy);
                NullableNumber(trial.TestAccuracy);
                NullableNumber(trial.TrainCost);
                NullableNumber(trial.TestCost);
                NullableNumber(trial.ValidationAccuracy);
                NullableNumber(trial.ValidationCost);
                NullableNumber(trial.TrainRmse);
                NullableNumber(trial.TestRmse);
                NullableNumber(trial.ValidationRmse);
                NullableNumber(trial.TrainR2);
                NullableNumber(trial.TestR2);
                NullableNumber(trial.ValidationR2);
                NullableText(trial.Notes);
                writer.Write(trial.IterationsRun);
                writer.Write(trial.SymmetricUnits);
                NullableText(trial.GradientFlow);
                NullableNumber(trial.GradientNormRatio);
                writer.Write(trial.DurationMs);
                Text(trial.Node);
                writer.Write(trial.Attempts);
                writer.Write(trial.StartedAt.UtcTicks);
                writer.Write(trial.FinishedAt.UtcTicks);
            }
        }

        using var page = new MemoryStream((int)body.Length + 64 * strings.Count);
        using (var writer = new BinaryWriter(page, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write7BitEncodedInt(strings.Count);
            foreach (string text in strings.Keys)
            {
                writer.Write(text);
            }
        }

        body.Position = 0;
        body.CopyTo(page);
        return page.ToArray();
    }

    /// <summary>
    /// The trials of a page, in the order they were encoded; their parameters and settings read from the page when
    /// looked up (<see cref="EncodedPairs"/>), so the page must not change afterwards. Throws
    /// <see cref="FormatException"/> for bytes that are not a page of this <see cref="Format"/> (damage, or a page
    /// written by another version).
    /// </summary>
    public static List<TrialResult> Decode(byte[] page)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            var reader = new PageReader(page);
            byte format = reader.Byte();
            if (format != Format)
            {
                throw new FormatException($"a summary page of format {format}, where this version reads format {Format}");
            }

            reader.ReadStrings();
            var trials = new List<TrialResult>(reader.Count());
            for (int t = trials.Capacity; t > 0; t--)
            {
                var trial = new TrialResult
                {
                    TrialId = reader.Text(),
                    Sweep = reader.Text(),
                    SweepFileHash = reader.Text(),
                    Status = reader.Text(),
                    Message = reader.NullableText(),
                    ConfigurationId = reader.Text(),
                    Parameters = reader.Pairs(),
                    Settings = reader.Pairs(),
                    Initializer = reader.Text(),
                    L2Lambda = reader.Number(),
                    KeepProb = reader.Number(),
                    Seed = reader.Int32(),
                    LearningRate = reader.Number(),
                    Hidden = reader.Int32s(),
                    Activation = reader.Text(),
                    GradcheckDifference = reader.NullableNumber(),
                    GradcheckWorst = reader.NullableText(),
                    TrainAccuracy = reader.NullableNumber(),
                    TestAccuracy = reader.NullableNumber(),
                    TrainCost = reader.NullableNumber(),
                    TestCost = reader.NullableNumber(),
                    ValidationAccuracy = reader.NullableNumber(),
                    ValidationCost = reader.NullableNumber(),
                    TrainRmse = reader.NullableNumber(),
                    TestRmse = reader.NullableNumber(),
                    ValidationRmse = reader.NullableNumber(),
                    TrainR2 = reader.NullableNumber(),
                    TestR2 = reader.NullableNumber(),
                    ValidationR2 = reader.NullableNumber(),
                    Notes = reader.NullableText(),
                    IterationsRun = reader.Int32(),
                    SymmetricUnits = reader.Boolean(),
                    GradientFlow = reader.NullableText(),
                    GradientNormRatio = reader.NullableNumber(),
                    DurationMs = reader.Number(),
                    Node = reader.Text(),
                    Attempts = reader.Int32(),
                    StartedAt = new DateTimeOffset(reader.Int64(), TimeSpan.Zero),
                    FinishedAt = new DateTimeOffset(reader.Int64(), TimeSpan.Zero),
                };
                trials.Add(TrialResultStatus.IsValid(trial.Status)
                    ? trial
                    : throw new FormatException($"trial {trial.TrialId} has status '{trial.Status}' in its summary page"));
            }

            return reader.Remaining == 0
                ? trials
                : throw new FormatException($"a summary page has {reader.Remaining} bytes after its last trial");
        }
        catch (Exception exception) when (exception is IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            throw new FormatException($"a summary page is not one this version can read: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// A 7-bit encoded integer at <paramref name="position"/>, as <see cref="BinaryWriter.Write7BitEncodedInt"/>
    /// writes it; <paramref name="position"/> moves past it. Reading past the end throws
    /// <see cref="IndexOutOfRangeException"/>.
    /// </summary>
    internal static int ReadEncoded(ReadOnlySpan<byte> page, ref int position)
    {
        uint value = 0;
        for (int shift = 0; shift < 35; shift += 7)
        {
            byte part = page[position++];
            value |= (uint)(part & 0x7F) << shift;
            if (part < 0x80)
            {
                return (int)value;
            }
        }

        throw new FormatException("a summary page holds a number of more than five bytes");
    }

    /// <summary>
    /// Reads what <see cref="Encode"/>'s <see cref="BinaryWriter"/> wrote, straight from the page's bytes. Reading
    /// past the end throws <see cref="ArgumentOutOfRangeException"/> or <see cref="IndexOutOfRangeException"/>.
    /// </summary>
    private ref struct PageReader(byte[] page)
    {
        private readonly byte[] _bytes = page;
        private readonly ReadOnlySpan<byte> _page = page;
        private int _position;
        private string[] _strings = [];

        public readonly int Remaining => _page.Length - _position;

        public byte Byte() => _page[_position++];

        public bool Boolean() => Byte() switch
        {
            0 => false,
            1 => true,
            var other => throw new FormatException($"a summary page holds {other} where a yes or no belongs"),
        };

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

        public double Number() => BinaryPrimitives.ReadDoubleLittleEndian(Take(sizeof(double)));

        public double? NullableNumber() => Boolean() ? Number() : null;

        public int Encoded() => ReadEncoded(_page, ref _position);

        /// <summary>A count, which a damaged page could make absurd: no count exceeds the page's own length in bytes.</summary>
        public int Count()
        {
            int count = Encoded();
            return count >= 0 && count <= _page.Length ? count : throw new FormatException($"a summary page gives a count of {count} in {_page.Length} bytes");
        }

        public void ReadStrings()
        {
            _strings = new string[Count()];
            for (int i = 0; i < _strings.Length; i++)
            {
                _strings[i] = System.Text.Encoding.UTF8.GetString(Take(Count()));
            }
        }

        public string Text() => _strings[Encoded()];

        public string? NullableText() => Encoded() is var index and > 0 ? _strings[index - 1] : null;

        /// <summary>
        /// Pairs of names and values, checked here (each index names a string, no name twice) and read when looked up.
        /// </summary>
        public IReadOnlyDictionary<string, string> Pairs()
        {
            int count = Count();
            int start = _position;
            Span<int> names = count <= 64 ? stackalloc int[count] : new int[count];
            for (int i = 0; i < count; i++)
            {
                names[i] = Index();
                _ = Index();
                if (names[..i].Contains(names[i]))
                {
                    throw new FormatException($"a summary page names the setting '{_strings[names[i]]}' twice for one trial");
                }
            }

            return count == 0
                ? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty
                : new EncodedPairs(_bytes, start, count, _strings);
        }

        /// <summary>An index into the page's strings.</summary>
        private int Index()
        {
            int index = Encoded();
            return (uint)index < (uint)_strings.Length ? index : throw new FormatException($"a summary page refers to string {index} of {_strings.Length}");
        }

        public int[] Int32s()
        {
            int count = Count();
            var values = new int[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Int32();
            }

            return values;
        }

        private ReadOnlySpan<byte> Take(int length)
        {
            ReadOnlySpan<byte> bytes = _page.Slice(_position, length);
            _position += length;
            return bytes;
        }
    }
}
