using System.Text;
using CsCheck;

namespace Sweep.Config.Tests;

// Property: whatever the bytes of a sweep file, the reader either returns a definition or throws one
// SweepFileException; any other exception (or a crash of the process) is a bug. The mutations start from the shipped
// configs, so most cases get past the YAML into the settings, the data and the grid.
public sealed class SweepFileFuzzTests
{
    /// <summary>Fixed so that a failure reproduces; CsCheck prints the failing case's own seed as well.</summary>
    private static readonly string Seed = Environment.GetEnvironmentVariable("SWEEP_FUZZ_SEED") ?? "5weepL1m1ts0";

    /// <summary>Cases per run; <c>SWEEP_FUZZ_CASES</c> asks for more (and <c>SWEEP_FUZZ_SEED</c> for others) when hunting.</summary>
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SWEEP_FUZZ_CASES"), out int cases) ? cases : 400;

    private static readonly string[] Insertions =
    [
        "[", "]", "{", "}", ":", ",", "- ", "&a ", "*a", "!!str ", "!!binary ", "|", ">", "\"", "'", "#", "\n", "\n  ", "? ", "%YAML 1.1\n", "---\n", "...\n",
        "@", "`", "\t", "1e999999", "99999999999999999999", "-0", ".nan", ".inf", "0x1F", "~", "null", "\uFEFF", "\u0000", "\u2028", "é", "😀", "\uD800",
        "<<: *a\n", "hidden: [65536, 65536]", "examples: 2000000000", "epsilon: 1e-300", new string('[', 200), new string('{', 100), new string('7', 400),
    ];

    private static readonly string[] Configs =
        [.. Directory.GetFiles(DataFiles.ConfigsFolder, "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText)];

    [Fact]
    public void Mutated_shipped_configs_either_parse_or_throw_a_SweepFileException()
    {
        // One sample of every mutation seed at once: CsCheck takes the given seed for the first iteration only, and a
        // single iteration makes the run the same every time (a failure still shrinks to the fewest seeds).
        Gen.Int[0, int.MaxValue].Array[Iterations].Sample(
            mutationSeeds =>
            {
                foreach (int mutationSeed in mutationSeeds)
                {
                    ParseOrRefuse(Mutate(mutationSeed));
                }
            },
            seed: Seed,
            iter: 1,
            threads: 1);
    }

    [Fact]
    public void A_key_left_empty_is_malformed_YAML_at_its_line()
    {
        var exception = Assert.Throws<SweepFileException>(() =>
            SweepFile.Parse("name: s\ntraining:\n  : 10000\n  learning_rate: 0.3\n", Path.Combine(DataFiles.ConfigsFolder, "empty-key.yaml")));

        Assert.Contains("malformed YAML", exception.Message, StringComparison.Ordinal);
        Assert.Contains("empty-key.yaml:", exception.Message, StringComparison.Ordinal);
    }

    private static void ParseOrRefuse(string text)
    {
        try
        {
            SweepFile.Parse(text, Path.Combine(DataFiles.ConfigsFolder, "fuzz.yaml"));
        }
        catch (SweepFileException)
        {
        }
    }

    /// <summary>One of the shipped configs with 1 to 6 random edits: a character replaced, a span deleted, or punctuation, nesting, a huge number or odd unicode inserted.</summary>
    private static string Mutate(int mutationSeed)
    {
        var random = new System.Random(mutationSeed);
        var text = new StringBuilder(Configs[random.Next(Configs.Length)]);
        int edits = random.Next(1, 7);
        for (int e = 0; e < edits; e++)
        {
            int at = random.Next(text.Length + 1);
            switch (random.Next(3))
            {
                case 0 when at < text.Length:
                    text[at] = (char)random.Next(0, random.Next(2) == 0 ? 128 : 0x10000);
                    break;
                case 1 when at < text.Length:
                    text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at));
                    break;
                default:
                    text.Insert(at, Insertions[random.Next(Insertions.Length)]);
                    break;
            }
        }

        return text.ToString();
    }
}
