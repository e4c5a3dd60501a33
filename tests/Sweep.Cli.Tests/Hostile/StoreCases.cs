using LiteDB;

namespace Sweep.Cli.Tests.Hostile;

/// <summary>
/// A sweep started again on changed files, and stores damaged under a finished sweep: what was computed is never
/// lost, damage is named, and a run never hangs or writes into a store it cannot read.
/// </summary>
[Collection(SweepProcess.Collection)]
public sealed class StoreCases(HostileFixture fixture) : IClassFixture<HostileFixture>
{
    [Fact]
    public void Resuming_on_data_whose_labels_changed_is_refused_naming_the_data_file()
    {
        using TempFolder workspace = fixture.Workspace();
        string[] lines = File.ReadAllLines(workspace.File("train.csv"));
        File.WriteAllLines(workspace.File("train.csv"), [lines[0], .. lines[1..].Select(FlipLastColumn)]);

        var (code, output) = SweepProcess.Run(workspace.Path, "run", "tiny.yaml", "--db", "good.db");

        HostileAssert.Refused(3, "train.csv", code, output, "flipped labels");
        Assert.Contains("data", output, StringComparison.Ordinal);
        Assert.Equal(fixture.GoodStore, File.ReadAllBytes(workspace.File("good.db")));
    }

    [Fact]
    public void Resuming_after_only_comments_and_layout_changed_goes_on()
    {
        using TempFolder workspace = fixture.Workspace();
        File.WriteAllText(workspace.File("tiny.yaml"), "# the same sweep, written differently\n" + HostileFixture.TinySweep
            .Replace("seed: [1, 2, 3]", "seed:   [1,   2, 3]   # three seeds", StringComparison.Ordinal));

        var (code, output) = SweepProcess.Run(workspace.Path, "run", "tiny.yaml", "--db", "good.db");

        Assert.True(code == 0, output);
        Assert.Contains("3 of 3 trials already stored", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_a_file_that_means_something_else_is_refused()
    {
        using TempFolder workspace = fixture.Workspace();
        File.WriteAllText(workspace.File("tiny.yaml"), HostileFixture.TinySweep.Replace("iterations: 40", "iterations: 41", StringComparison.Ordinal));

        var (code, output) = SweepProcess.Run(workspace.Path, "run", "tiny.yaml", "--db", "good.db");

        HostileAssert.Refused(3, "different sweep file", code, output, "changed meaning");
        Assert.Equal(fixture.GoodStore, File.ReadAllBytes(workspace.File("good.db")));
    }

    [Fact]
    public void An_unreadable_trial_document_is_reported_left_out_and_the_run_finishes()
    {
        using TempFolder workspace = fixture.Workspace();
        string damagedId = (string)SweepProcess.Json(workspace.Path, "trials", "--db", "good.db")[0]!["trial_id"]!;
        using (var database = new LiteDatabase(new ConnectionString { Filename = workspace.File("good.db"), Connection = ConnectionType.Shared }))
        {
            // The trial's document and its summary, which listings read in its place, and the page of summaries
            // listings read first (a page that cannot be read sends them to the summaries).
            foreach (string collection in new[] { "trials", "summaries" })
            {
                ILiteCollection<BsonDocument> documents = database.GetCollection(collection);
                BsonDocument document = documents.FindById(damagedId);
                document["test_accuracy"] = "ninety";
                document["status"] = 7;
                documents.Update(document);
            }

            ILiteCollection<BsonDocument> pages = database.GetCollection("summary_pages");
            BsonDocument page = pages.FindById(1);
            page["trials"] = new byte[] { 1, 200 };
            pages.Update(page);
        }

        var (trialsCode, trialsOutput) = SweepProcess.Run(workspace.Path, "trials", "--db", "good.db");
        var (checkCode, checkOutput) = SweepProcess.Run(workspace.Path, "check", "--db", "good.db");
        var (runCode, runOutput) = SweepProcess.Run(workspace.Path, "run", "tiny.yaml", "--db", "good.db");

        Assert.True(trialsCode == 0, trialsOutput);
        Assert.Contains($"cannot be read and is left out: {damagedId}", trialsOutput, StringComparison.Ordinal);
        HostileAssert.Refused(3, $"unreadable trial {damagedId}", checkCode, checkOutput, "check");
        Assert.True(runCode == 0, runOutput);
        Assert.Contains("3 of 3 trials already stored", runOutput, StringComparison.Ordinal);
        HostileAssert.NoStackTrace(trialsOutput + runOutput, "unreadable trial");
    }

    [Fact]
    public void A_damaged_page_of_summaries_is_named_by_check_listed_around_and_built_again_by_the_next_run()
    {
        using TempFolder workspace = fixture.Workspace();
        string listed = SweepProcess.Run(workspace.Path, "trials", "--db", "good.db", "--json").Output;
        using (var database = new LiteDatabase(new ConnectionString { Filename = workspace.File("good.db"), Connection = ConnectionType.Shared }))
        {
            ILiteCollection<BsonDocument> pages = database.GetCollection("summary_pages");
            BsonDocument page = pages.FindById(1);
            page["trials"] = page["trials"].AsBinary[..^1];
            pages.Update(page);
        }

        var (checkCode, checkOutput) = SweepProcess.Run(workspace.Path, "check", "--db", "good.db");
        var (trialsCode, trialsOutput) = SweepProcess.Run(workspace.Path, "trials", "--db", "good.db", "--json");
        var (runCode, runOutput) = SweepProcess.Run(workspace.Path, "run", "tiny.yaml", "--db", "good.db");
        var (afterCode, afterOutput) = SweepProcess.Run(workspace.Path, "check", "--db", "good.db");

        HostileAssert.Refused(3, "rebuildable: summary_pages: page 1 cannot be read", checkCode, checkOutput, "check");
        Assert.True(trialsCode == 0, trialsOutput);
        Assert.Equal(listed, trialsOutput);
        Assert.True(runCode == 0, runOutput);
        Assert.Contains("3 of 3 trials already stored", runOutput, StringComparison.Ordinal);
        Assert.True(afterCode == 0, afterOutput);
        Assert.Contains("intact", afterOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_damaged_at_random_offsets_is_named_and_never_changed()
    {
        using TempFolder workspace = fixture.Workspace();
        var random = new Random(4_12_2026);
        string[][] commands =
        [
            ["best", "--db", "damaged.db"],
            ["trials", "--db", "damaged.db", "--json"],
            ["export-model", "--best", "--db", "damaged.db", "--out", "model.json", "--force"],
            ["check", "--db", "damaged.db"],
            ["run", "tiny.yaml", "--db", "damaged.db"],
        ];
        for (int round = 0; round < 12; round++)
        {
            byte[] damaged = (byte[])fixture.GoodStore.Clone();
            int start = random.Next(damaged.Length);
            for (int i = random.Next(1, 64); i > 0; i--)
            {
                damaged[(start + random.Next(8192)) % damaged.Length] = (byte)random.Next(256);
            }

            File.WriteAllBytes(workspace.File("damaged.db"), damaged);
            foreach (string[] command in commands)
            {
                var (code, output) = SweepProcess.Run(workspace.Path, command);
                string because = $"round {round} (offset {start}), {command[0]}";
                Assert.True(code is 0 or 3, $"{because}: exit {code}: {output}");
                Assert.True(code == 0 || output.Contains("damaged", StringComparison.Ordinal) || output.Contains("unreadable", StringComparison.Ordinal), $"{because}: {output}");
                HostileAssert.NoStackTrace(output, because);
                if (command[0] != "run" || code != 0)
                {
                    Assert.Equal(damaged, File.ReadAllBytes(workspace.File("damaged.db")));
                }

                File.WriteAllBytes(workspace.File("damaged.db"), damaged);
            }
        }
    }

    [Fact]
    public void A_run_onto_a_store_with_any_one_page_wiped_is_refused_and_writes_nothing()
    {
        using TempFolder workspace = fixture.Workspace();
        for (int page = 0; page < fixture.GoodStore.Length / 8192; page++)
        {
            byte[] wiped = (byte[])fixture.GoodStore.Clone();
            Array.Clear(wiped, page * 8192, 8192);
            File.WriteAllBytes(workspace.File("wiped.db"), wiped);

            var (code, output) = SweepProcess.Run(workspace.Path, "run", "tiny.yaml", "--db", "wiped.db");

            Assert.True(code is 2 or 3, $"page {page}: exit {code}: {output}");
            HostileAssert.NoStackTrace(output, $"page {page}");
            Assert.Equal(wiped, File.ReadAllBytes(workspace.File("wiped.db")));
        }
    }

    [Fact]
    public void A_log_file_that_is_not_the_stores_own_is_refused_and_left_alone()
    {
        using TempFolder workspace = fixture.Workspace();
        byte[] garbage = new byte[3 * 8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(workspace.File("good-log.db"), garbage);

        var (queryCode, queryOutput) = SweepProcess.Run(workspace.Path, "best", "--db", "good.db");
        var (runCode, runOutput) = SweepProcess.Run(workspace.Path, "run", "tiny.yaml", "--db", "good.db");

        HostileAssert.Refused(3, "is not this store's", queryCode, queryOutput, "query with a foreign log");
        HostileAssert.Refused(3, "is not this store's", runCode, runOutput, "run with a foreign log");
        Assert.Equal(garbage, File.ReadAllBytes(workspace.File("good-log.db")));
        Assert.Equal(fixture.GoodStore, File.ReadAllBytes(workspace.File("good.db")));
    }

    [Fact]
    public void A_store_reached_through_a_link_is_the_file_behind_it()
    {
        using TempFolder workspace = fixture.Workspace();
        File.CreateSymbolicLink(workspace.File("link.db"), workspace.File("good.db"));
        File.CreateSymbolicLink(workspace.File("dangling.db"), workspace.File("gone.db"));

        var (code, output) = SweepProcess.Run(workspace.Path, "best", "--db", "link.db", "--json");
        var (danglingCode, danglingOutput) = SweepProcess.Run(workspace.Path, "best", "--db", "dangling.db");

        Assert.True(code == 0, output);
        HostileAssert.Refused(2, "does not exist", danglingCode, danglingOutput, "dangling link");
        Assert.False(File.Exists(workspace.File("gone.db")));
    }

    [Fact]
    public void A_run_whose_every_trial_diverges_exits_4_and_says_so()
    {
        using TempFolder workspace = fixture.Workspace();
        File.WriteAllText(workspace.File("wild.yaml"), HostileFixture.TinySweep
            .Replace("name: tiny", "name: wild", StringComparison.Ordinal)
            .Replace("learning_rate: 0.3", "learning_rate: 1e9", StringComparison.Ordinal)
            .Replace("search:", "gradient_check: false\nsearch:", StringComparison.Ordinal));

        var (code, output) = SweepProcess.Run(workspace.Path, "run", "wild.yaml", "--db", "wild.db");

        HostileAssert.Refused(4, "no trial of 'wild' completed (3 diverged)", code, output, "all diverged");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_read_only_store_in_a_read_only_folder_can_be_queried()
    {
        using TempFolder workspace = fixture.Workspace();
        string folder = workspace.File("locked");
        Directory.CreateDirectory(folder);
        string store = Path.Combine(folder, "good.db");
        File.Copy(workspace.File("good.db"), store);
        File.SetUnixFileMode(store, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        const UnixFileMode ReadAndList = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(folder, ReadAndList);
        File.SetUnixFileMode(workspace.Path, ReadAndList);
        try
        {
            // Root ignores file modes, so as root the query runs as nobody, for whom the modes hold.
            var (code, output) = SweepProcess.RunAsUnprivileged(workspace.Path, "best", "--db", store, "--json");

            Assert.True(code == 0, output);
            Assert.Contains("trial_id", output, StringComparison.Ordinal);
            Assert.Equal(fixture.GoodStore, File.ReadAllBytes(store));
            Assert.Equal(["good.db"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            File.SetUnixFileMode(workspace.Path, ReadAndList | UnixFileMode.UserWrite);
            File.SetUnixFileMode(folder, ReadAndList | UnixFileMode.UserWrite);
        }
    }

    [Fact]
    public void A_disk_that_fills_up_mid_sweep_stops_the_run_with_exit_3_and_the_sweep_resumes_once_there_is_room()
    {
        using TempFolder workspace = fixture.Workspace();
        string disk = workspace.File("small-disk");
        Directory.CreateDirectory(disk);
        File.WriteAllText(workspace.File("many.yaml"), HostileFixture.TinySweep
            .Replace("name: tiny", "name: many", StringComparison.Ordinal)
            .Replace("iterations: 40", "iterations: 3000", StringComparison.Ordinal)
            .Replace("seed: [1, 2, 3]", $"seed: [{string.Join(", ", Enumerable.Range(1, 300))}]", StringComparison.Ordinal));
        Mount(disk, "size=40m");
        try
        {
            string store = Path.Combine(disk, "many.db");
            string filler = Path.Combine(disk, "filler");
            int fullCode;
            string fullOutput;
            using (SweepProcess run = SweepProcess.Start(workspace.Path, "run", "many.yaml", "--db", store, "--slots", "2"))
            {
                SweepProcess.WaitUntil(() => SweepProcess.StoredCount(workspace.Path, store) >= 5, TimeSpan.FromMinutes(2), run);
                long free = new DriveInfo(disk).AvailableFreeSpace;
                Run("fallocate", "-l", (free - (8L * 1024 * 1024)).ToString(System.Globalization.CultureInfo.InvariantCulture), filler);
                fullCode = run.WaitForExit(TimeSpan.FromMinutes(2));
                fullOutput = run.Output;
            }

            int kept = SweepProcess.StoredCount(workspace.Path, store);
            File.Delete(filler);
            var (code, output) = SweepProcess.Run(workspace.Path, "run", "many.yaml", "--db", store, "--slots", "2");

            HostileAssert.Refused(3, "nearly full", fullCode, fullOutput, "full disk");
            Assert.Contains($"{kept} of 300 trials were stored and are kept", fullOutput, StringComparison.Ordinal);
            Assert.True(code == 0, output);
            Assert.Contains($"resuming sweep 'many': {kept} of 300 trials already stored", output, StringComparison.Ordinal);
            Assert.Equal(300, SweepProcess.Json(workspace.Path, "trials", "--db", store).Count);
        }
        finally
        {
            Run("umount", disk);
        }
    }

    [Fact]
    public void A_run_onto_a_nearly_full_disk_is_refused_before_anything_runs()
    {
        using TempFolder workspace = fixture.Workspace();
        string disk = workspace.File("tiny-disk");
        Directory.CreateDirectory(disk);
        Mount(disk, "size=1m");
        try
        {
            var (code, output) = SweepProcess.Run(workspace.Path, "run", "tiny.yaml", "--db", Path.Combine(disk, "tiny.db"));

            HostileAssert.Refused(3, "nearly full", code, output, "nearly full disk");
            Assert.DoesNotContain("new sweep", output, StringComparison.Ordinal);
        }
        finally
        {
            Run("umount", disk);
        }
    }

    private static void Mount(string folder, string options) => Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder);

    private static void Remount(string folder, string options) => Run("mount", "-o", $"remount,{options}", folder);

    private static void Run(string program, params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(program, arguments);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode} (the test needs root, as CI has)");
    }

    private static string FlipLastColumn(string line)
    {
        int comma = line.LastIndexOf(',');
        string label = line[(comma + 1)..].Trim();
        return line[..(comma + 1)] + (label is "0" or "0.0" ? "1" : "0");
    }
}
