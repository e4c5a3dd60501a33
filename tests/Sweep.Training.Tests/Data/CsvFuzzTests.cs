using System.Text;
using CsCheck;
using Sweep.Training.Data;

namespace Sweep.Training.Tests.Data;

// Property: whatever the text of a CSV file, the reader either returns a data set or throws one DatasetException;
// any other exception is a bug. Cells come from a palette of what real and hostile files hold.
public sealed class CsvFuzzTests
{
    /// <summary>Fixed so that a failure reproduces; CsCheck prints the failing case's own seed as well.</summary>
    private static readonly string Seed = Environment.GetEnvironmentVariable("SWEEP_FUZZ_SEED") ?? "5weepCsvF0zz";

    /// <summary>Cases per run; <c>SWEEP_FUZZ_CASES</c> asks for more (and <c>SWEEP_FUZZ_SEED</c> for others) when hunting.</summary>
    private static readonly int Iterations = int.TryParse(Environment.GetEnvironmentVariable("SWEEP_FUZZ_CASES"), out int cases) ? cases : 500;

    private static readonly string[] Cells =
    [
        "0", "1", "2", "-1.5", "3e-7", "1e308", "-1e308", "1e200", "4.9e-324", "NaN", "nan", "inf", "-Infinity", "∞", "", " ", "  7  ", "0x10", "1,5", "1.2.3",
        "\"1\"", "\"2, with a comma\"", "\"two\nlines\"", "\"two\r\nlines\"", "\"say \"\"hi\"\"\"", "\"unterminated", "a\"b", "\uFEFF1", "\u0000", "\u0001\u0002",
        "\uFFFD", "\uD800", "é", "😀", "cat", "dog", "#", "y", "x1", "1.0", "01", "9007199254740993", "99999999999999999999999", new string('9', 5000),
        "\"" + new string('x', 5000) + "\"", "0.5", "1.25",
    ];

    private static readonly string[] Separators = [",", ",", ",", ",,", ";", "\t", "\n", "\r\n", "\r", "\n\n"];

    [Fact]
    public void Random_csv_text_either_reads_or_throws_a_DatasetException()
    {
        Gen.Int[0, int.MaxValue].Array[Iterations].Sample(
            textSeeds =>
            {
                foreach (int textSeed in textSeeds)
                {
                    ReadOrRefuseText(textSeed);
                }
            },
            seed: Seed,
            iter: 1,
            threads: 1);
    }

    private static void ReadOrRefuseText(int textSeed)
    {
        var random = new System.Random(textSeed);
        string text = RandomCsv(random);
        string? label = random.Next(4) == 0 ? Cells[random.Next(Cells.Length)] : null;
        try
        {
            CsvDatasetReader.Read(new StringReader(text), "fuzz.csv", label);
        }
        catch (DatasetException)
        {
        }
    }

    [Fact]
    public void Random_bytes_decoded_as_a_file_either_read_or_throw_a_DatasetException()
    {
        Gen.Int[0, int.MaxValue].Array[Iterations].Sample(
            bytesSeeds =>
            {
                foreach (int bytesSeed in bytesSeeds)
                {
                    ReadOrRefuseBytes(bytesSeed);
                }
            },
            seed: Seed,
            iter: 1,
            threads: 1);
    }

    private static void ReadOrRefuseBytes(int bytesSeed)
    {
        var random = new System.Random(bytesSeed);
        byte[] bytes = Encoding.UTF8.GetBytes(RandomCsv(random));
        for (int i = random.Next(8); i > 0 && bytes.Length > 0; i--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        try
        {
            using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            CsvDatasetReader.Read(reader, "fuzz.csv");
        }
        catch (DatasetException)
        {
        }
    }

    /// <summary>A header of 1 to 6 names and up to 12 rows, mostly well formed with palette cells here and there, so that the checks past the header run too.</summary>
    private static string RandomCsv(System.Random random)
    {
        var text = new StringBuilder(random.Next(10) == 0 ? "\uFEFF" : string.Empty);
        int columns = random.Next(1, 7);
        for (int c = 0; c < columns; c++)
        {
            text.Append(random.Next(15) == 0 ? Cells[random.Next(Cells.Length)] : "x" + c).Append(c < columns - 1 ? "," : "\n");
        }

        int rows = random.Next(13);
        for (int r = 0; r < rows; r++)
        {
            int cells = random.Next(15) == 0 ? random.Next(1, 9) : columns;
            for (int c = 0; c < cells; c++)
            {
                string cell = random.Next(12) == 0 ? Cells[random.Next(Cells.Length)] : (random.NextDouble() * 10).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                text.Append(c == cells - 1 && random.Next(2) == 0 ? (r % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) : cell);
                text.Append(c < cells - 1 ? (random.Next(40) == 0 ? Separators[random.Next(Separators.Length)] : ",") : "\n");
            }
        }

        return text.ToString();
    }
}
