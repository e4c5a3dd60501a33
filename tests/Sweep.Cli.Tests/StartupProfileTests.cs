namespace Sweep.Cli.Tests;

// Each command's start-up profile for multi-core JIT (StartupProfile), kept in the user's cache.
[Collection(SweepProcess.Collection)]
public class StartupProfileTests
{
    private const string OneTrial = """
        name: one
        dataset: { train: "{data}/football_train.csv", test: "{data}/football_test.csv", label: y }
        model: { hidden: [3] }
        training: { iterations: 1 }
        """;

    [Fact]
    public void A_command_records_the_methods_its_start_compiled_under_its_own_name_in_the_cache()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("one.yaml", OneTrial);
        string cache = folder.File("cache");

        var (code, output) = SweepProcess.Run(folder.Path, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = cache }, "validate", file);

        Assert.True(code == 0, output);
        var profile = new FileInfo(Path.Combine(cache, "sweep", "jit", "validate.jitprofile"));
        Assert.True(profile.Exists, $"no profile in {cache}");
        Assert.True(profile.Length > 0);
        Assert.Equal(["validate.jitprofile"], Directory.GetFiles(Path.Combine(cache, "sweep", "jit")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_profile_is_this_builds_only_when_it_was_recorded_after_the_program_was_written()
    {
        using var folder = new TempFolder();
        string program = folder.File("sweep.dll");
        string profile = folder.File("run.jitprofile");
        File.WriteAllText(program, "program");
        var built = new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(program, built);

        Assert.False(StartupProfile.IsRecordedAfter(profile, program));

        File.WriteAllText(profile, "methods");
        File.SetLastWriteTimeUtc(profile, built.AddMinutes(-1));
        Assert.False(StartupProfile.IsRecordedAfter(profile, program));

        File.SetLastWriteTimeUtc(profile, built.AddMinutes(1));
        Assert.True(StartupProfile.IsRecordedAfter(profile, program));

        File.WriteAllText(profile, "");
        File.SetLastWriteTimeUtc(profile, built.AddMinutes(1));
        Assert.False(StartupProfile.IsRecordedAfter(profile, program));
        Assert.False(StartupProfile.IsRecordedAfter(profile, folder.File("no-program.dll")));
    }

    [Fact]
    public void A_cache_that_cannot_be_made_leaves_the_command_and_its_output_as_they_are()
    {
        using var folder = new TempFolder();
        string file = folder.SweepFile("one.yaml", OneTrial);
        string notAFolder = folder.File("cache");
        File.WriteAllText(notAFolder, "a file where the cache folder would go");

        var (plainCode, plain) = SweepProcess.Run(folder.Path, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = folder.File("elsewhere") }, "validate", file);
        var (code, output) = SweepProcess.Run(folder.Path, new Dictionary<string, string> { ["XDG_CACHE_HOME"] = notAFolder }, "validate", file);

        Assert.Equal(0, plainCode);
        Assert.True(code == 0, output);
        Assert.Equal(plain, output);
    }
}
