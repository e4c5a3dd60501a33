namespace Sweep.Training.Tests.Data;

/// <summary>The repository's data/ files, copied beside the test assembly.</summary>
internal static class DataFiles
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "data", fileName);
}
