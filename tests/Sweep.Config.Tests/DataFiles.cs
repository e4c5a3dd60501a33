namespace Sweep.Config.Tests;

/// <summary>The repository's data/ and configs/ files, copied beside the test assembly in the same layout.</summary>
internal static class DataFiles
{
    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "data", fileName);

    public static string ConfigsFolder => Path.Combine(AppContext.BaseDirectory, "configs");
}
