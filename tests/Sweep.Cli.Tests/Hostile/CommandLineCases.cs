namespace Sweep.Cli.Tests.Hostile;

/// <summary>
/// Mistakes on the command line and in the files it names, each run as a real process in a workspace of its own:
/// one clear line that names the problem, the documented exit code (2: the input is wrong; 3: the store or a file
/// refuses), no stack trace, and every file of the workspace byte for byte as it was.
/// </summary>
[Collection(SweepProcess.Collection)]
public sealed class CommandLineCases(HostileFixture fixture) : IClassFixture<HostileFixture>
{
    private static readonly (string Name, int Exit, string Expect, string[] Arguments)[] Cases =
    [
        ("top zero", 2, "--top must be at least 1", ["best", "--db", "good.db", "--top", "0"]),
        ("top negative", 2, "--top must be at least 1", ["best", "--db", "good.db", "--top", "-3"]),
        ("top not a number", 2, "--top", ["best", "--db", "good.db", "--top", "many"]),
        ("empty trial id", 2, "trial id is empty", ["show", "", "--db", "good.db"]),
        ("blank trial id", 2, "trial id is empty", ["show", "   ", "--db", "good.db"]),
        ("unknown trial id", 2, "no trial 'ffffffff'", ["show", "ffffffff", "--db", "good.db"]),
        ("empty db path", 2, "path is empty", ["best", "--db", ""]),
        ("missing store", 2, "does not exist", ["best", "--db", "missing.db"]),
        ("missing store for trials", 2, "does not exist", ["trials", "--db", "missing.db"]),
        ("store is a directory", 2, "is a directory", ["trials", "--db", "adir"]),
        ("store is /dev/null", 2, "empty", ["best", "--db", "/dev/null"]),
        ("store is an empty file", 2, "empty", ["best", "--db", "empty.db"]),
        ("store is a CSV file", 2, "not a LiteDB database", ["best", "--db", "notastore.db"]),
        ("store is the sweep file", 2, "not a LiteDB database", ["show", "abc", "--db", "tiny.yaml"]),
        ("truncated store: best", 3, "damaged", ["best", "--db", "truncated.db"]),
        ("truncated store: trials", 3, "damaged", ["trials", "--db", "truncated.db"]),
        ("truncated store: show", 3, "damaged", ["show", "abc", "--db", "truncated.db"]),
        ("truncated store: export", 3, "damaged", ["export-model", "--best", "--db", "truncated.db", "--out", "new.json"]),
        ("truncated store: check", 3, "damaged", ["check", "--db", "truncated.db"]),
        ("truncated store: run", 3, "damaged", ["run", "tiny.yaml", "--db", "truncated.db"]),
        ("check of a file that is not a store", 2, "not a LiteDB database", ["check", "--db", "notastore.db"]),
        ("export onto its own store", 3, "is a sweep store", ["export-model", "--best", "--db", "good.db", "--out", "good.db"]),
        ("export onto another store", 3, "is a sweep store", ["export-model", "--best", "--db", "good.db", "--out", "other-store.db"]),
        ("export onto another store even with --force", 3, "is a sweep store", ["export-model", "--best", "--db", "good.db", "--out", "other-store.db", "--force"]),
        ("export onto an existing file", 3, "--force", ["export-model", "--best", "--db", "good.db", "--out", "existing.txt"]),
        ("export onto the sweep file", 3, "--force", ["export-model", "--best", "--db", "good.db", "--out", "tiny.yaml"]),
        ("export into a directory", 2, "is a directory", ["export-model", "--best", "--db", "good.db", "--out", "adir"]),
        ("export into a missing directory", 2, "does not exist", ["export-model", "--best", "--db", "good.db", "--out", "no/such/m.json"]),
        ("export onto a full disk", 2, "no space left", ["export-model", "--best", "--db", "good.db", "--out", "/dev/full"]),
        ("export with an empty --out", 2, "--out is empty", ["export-model", "--best", "--db", "good.db", "--out", ""]),
        ("export without --out", 2, "--out is required", ["export-model", "--best", "--db", "good.db"]),
        ("export without id or --best", 2, "either a trial id or --best", ["export-model", "--db", "good.db", "--out", "new.json"]),
        ("export with both id and --best", 2, "either a trial id or --best", ["export-model", "abc", "--best", "--db", "good.db", "--out", "new.json"]),
        ("best of several sweeps without --sweep", 2, "choose one with --sweep", ["best", "--db", "multi.db"]),
        ("export best of several sweeps without --sweep", 2, "choose one with --sweep", ["export-model", "--best", "--db", "multi.db", "--out", "new.json"]),
        ("best of an unknown sweep", 2, "no sweep 'nosuch'", ["best", "--db", "good.db", "--sweep", "nosuch"]),
        ("unknown status", 2, "is not a status", ["trials", "--db", "good.db", "--status", "finished"]),
        ("unknown command", 2, "unrecognized command", ["frobnicate"]),
        ("misspelt option", 2, "unrecognized", ["best", "--db", "good.db", "--tpo", "3"]),
        ("no command", 2, "required command", []),
        ("zero slots", 2, "--slots must be at least 1", ["run", "tiny.yaml", "--db", "new.db", "--slots", "0"]),
        ("slots not a number", 2, "--slots", ["run", "tiny.yaml", "--db", "new.db", "--slots", "abc"]),
        ("missing sweep file", 2, "does not exist", ["run", "nosuch.yaml", "--db", "new.db"]),
        ("sweep file is a directory", 2, "adir", ["validate", "adir"]),
        ("sweep file is a store", 2, "good.db:1", ["validate", "good.db"]),
        ("run into /dev/null", 2, "cannot hold a sweep store", ["run", "tiny.yaml", "--db", "/dev/null"]),
        ("sweep file nested 100000 deep", 2, "nest more than 64 deep", ["validate", "deep.yaml"]),
        ("sweep file of a billion laughs", 2, "aliases", ["validate", "laughs.yaml"]),
        ("sweep file with a key left empty", 2, "empty-key.yaml:4", ["validate", "empty-key.yaml"]),
        ("two billion generated examples", 2, "dataset.examples", ["run", "examples.yaml", "--db", "new.db"]),
        ("a network too large for any array", 2, "model.hidden", ["validate", "huge.yaml"]),
        ("more slots than memory holds", 2, "trials at once would need", ["run", "wide.yaml", "--db", "new.db", "--slots", "64"]),
        ("a gradient-check epsilon of 1e-300", 2, "epsilon must be between", ["validate", "epsilon.yaml"]),
        ("a continuous label", 2, "look like measurements, not classes", ["validate", "continuous.yaml"]),
        ("a directory given as the data", 2, "is a directory", ["validate", "dirdata.yaml"]),
        ("a cell too large to normalize", 2, "too large to normalize", ["validate", "overflow.yaml"]),
        ("a store of another program: query", 2, "another program", ["best", "--db", "foreign.db"]),
        ("a store of another program: run", 2, "another program", ["run", "tiny.yaml", "--db", "foreign.db"]),
        ("export through a link to a store", 3, "is a sweep store", ["export-model", "--best", "--db", "good.db", "--out", "store-link.db", "--force"]),
        ("export onto the name of a store's log", 3, "write-ahead log", ["export-model", "--best", "--db", "good.db", "--out", "good-log.db"]),
        ("a store that is a loop of links", 2, "cannot be followed", ["best", "--db", "loop.db"]),
        ("a trial id with a line break", 2, "is not a trial id", ["show", "ab\ncd", "--db", "good.db"]),
        ("a trial id with a LIKE wildcard", 2, "is not a trial id", ["show", "%", "--db", "good.db"]),
        ("a trial id that is not hexadecimal", 2, "is not a trial id", ["show", "xyz", "--db", "good.db"]),
        ("worker seed with two ports", 2, "host:port", ["worker", "--seed", "127.0.0.1:4053:5"]),
        ("worker seed with a space", 2, "host:port", ["worker", "--seed", " 127.0.0.1:4053"]),
        ("public host that is not a host", 2, "--public-host", ["worker", "--seed", "127.0.0.1:4053", "--public-host", "bad host!"]),
        ("store in a missing directory", 2, "does not exist", ["run", "tiny.yaml", "--db", "no/such/s.db"]),
        ("coordinator port zero", 2, "--port must be between 1 and 65535", ["coordinator", "tiny.yaml", "--db", "new.db", "--port", "0"]),
        ("coordinator port too large", 2, "--port must be between 1 and 65535", ["coordinator", "tiny.yaml", "--db", "new.db", "--port", "70000"]),
        ("coordinator host that does not resolve", 2, "does not resolve", ["coordinator", "tiny.yaml", "--db", "new.db", "--host", "no-such-host.invalid", "--port", "4999"]),
        ("coordinator host of another machine", 2, "not an address of this machine", ["coordinator", "tiny.yaml", "--db", "new.db", "--host", "192.0.2.7", "--port", "4999"]),
        ("worker seed without a port", 2, "host:port", ["worker", "--seed", "coordinator"]),
        ("worker seed with a bad port", 2, "host:port", ["worker", "--seed", "coordinator:99999"]),
        ("worker without a seed", 2, "--seed is required", ["worker"]),
        ("worker with zero slots", 2, "--slots must be at least 1", ["worker", "--seed", "127.0.0.1:4053", "--slots", "0"]),
        ("worker host that does not resolve", 2, "does not resolve", ["worker", "--seed", "127.0.0.1:4053", "--host", "no-such-host.invalid"]),
        ("certificate that is not a certificate", 2, "cannot be read", ["worker", "--seed", "127.0.0.1:4053", "--tls-certificate", "existing.txt"]),
        ("certificate that is a directory", 2, "is a directory", ["worker", "--seed", "127.0.0.1:4053", "--tls-certificate", "adir"]),
        ("missing certificate", 2, "does not exist", ["worker", "--seed", "127.0.0.1:4053", "--tls-certificate", "none.pfx"]),
    ];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void A_mistake_gets_one_line_its_exit_code_and_changes_no_file(string name)
    {
        var (_, exit, expect, arguments) = Cases.Single(c => c.Name == name);
        using TempFolder workspace = fixture.Workspace();
        Prepare(workspace);
        Dictionary<string, string> before = Hashes(workspace);

        var (code, output) = SweepProcess.Run(workspace.Path, arguments);

        HostileAssert.Refused(exit, expect, code, output, name);
        if (arguments.FirstOrDefault() != "check")
        {
            HostileAssert.OneErrorLine(output, name);
        }
        Assert.Equal(before, Hashes(workspace));
        Assert.False(File.Exists(workspace.File("missing.db")), $"{name}: a query created the store it was pointed at");
        Assert.False(File.Exists(workspace.File("new.json")), $"{name}: a refused export wrote its output");
    }

    [Fact]
    public void A_port_in_use_is_named_and_registers_no_sweep()
    {
        using TempFolder workspace = fixture.Workspace();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        string port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string before = HostileFixture.Hash(workspace.File("good.db"));

        var (code, output) = SweepProcess.Run(workspace.Path, "coordinator", "other.yaml", "--db", "good.db", "--port", port);

        HostileAssert.Refused(2, $"port {port}", code, output, "port in use");
        Assert.Equal(before, HostileFixture.Hash(workspace.File("good.db")));
    }

    [Fact]
    public void Export_with_force_replaces_an_existing_file_with_the_model()
    {
        using TempFolder workspace = fixture.Workspace();
        File.WriteAllText(workspace.File("existing.txt"), "keep me");

        var (code, output) = SweepProcess.Run(workspace.Path, "export-model", "--best", "--db", "good.db", "--out", "existing.txt", "--force");

        Assert.True(code == 0, output);
        Assert.StartsWith("{", File.ReadAllText(workspace.File("existing.txt")), StringComparison.Ordinal);
        Assert.Equal(fixture.GoodStore, File.ReadAllBytes(workspace.File("good.db")));
    }

    [Fact]
    public void Every_query_leaves_the_store_byte_for_byte()
    {
        using TempFolder workspace = fixture.Workspace();
        string[][] queries =
        [
            ["best", "--db", "good.db"],
            ["best", "--db", "good.db", "--json"],
            ["best", "--db", "good.db", "--trials"],
            ["trials", "--db", "good.db", "--json"],
            ["trials", "--db", "good.db", "--status", "completed"],
            ["export-model", "--best", "--db", "good.db", "--out", "model.json"],
            ["check", "--db", "good.db"],
        ];
        foreach (string[] query in queries)
        {
            var (code, output) = SweepProcess.Run(workspace.Path, query);
            Assert.True(code == 0, $"{string.Join(' ', query)}: {output}");
            HostileAssert.NoStackTrace(output, string.Join(' ', query));
        }

        string id = (string)SweepProcess.Json(workspace.Path, "best", "--db", "good.db", "--top", "1", "--trials")[0]!["trial_id"]!;
        var (showCode, showOutput) = SweepProcess.Run(workspace.Path, "show", id[..6], "--db", "good.db");
        Assert.True(showCode == 0, showOutput);
        Assert.Equal(fixture.GoodStore, File.ReadAllBytes(workspace.File("good.db")));
        Assert.Empty(Directory.GetFiles(workspace.Path, "good-log*"));
    }

    private void Prepare(TempFolder workspace)
    {
        File.WriteAllText(workspace.File("existing.txt"), "keep me");
        Directory.CreateDirectory(workspace.File("adir"));
        File.WriteAllBytes(workspace.File("truncated.db"), fixture.GoodStore[..5000]);
        File.WriteAllText(workspace.File("notastore.db"), string.Concat(Enumerable.Repeat("trial_id,test_accuracy\nabc,0.9\n", 500)));
        File.WriteAllBytes(workspace.File("empty.db"), []);
        File.Copy(workspace.File("good.db"), workspace.File("other-store.db"));
        File.CreateSymbolicLink(workspace.File("store-link.db"), workspace.File("other-store.db"));
        File.CreateSymbolicLink(workspace.File("loop.db"), workspace.File("loop.db"));
        using (var foreign = new LiteDB.LiteDatabase(new LiteDB.ConnectionString { Filename = workspace.File("foreign.db"), Connection = LiteDB.ConnectionType.Direct }))
        {
            foreign.GetCollection("customers").Insert(new LiteDB.BsonDocument { ["name"] = "Ada" });
        }

        string tiny = HostileFixture.TinySweep;
        File.WriteAllText(workspace.File("deep.yaml"), "name: deep\nsearch: " + new string('[', 100_000));
        File.WriteAllText(workspace.File("laughs.yaml"), "name: laughs\n" + string.Join("\n",
            Enumerable.Range(1, 9).Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat(i == 1 ? "\"lol\"" : $"*l{i - 1}", 10))}]")) + "\n");
        File.WriteAllText(workspace.File("empty-key.yaml"), tiny.Replace("iterations: 40", ": 40", StringComparison.Ordinal));
        File.WriteAllText(workspace.File("examples.yaml"), tiny.Replace("{ train: train.csv, test: test.csv, label: y }", "{ generator: moons, examples: 2000000000 }", StringComparison.Ordinal));
        File.WriteAllText(workspace.File("huge.yaml"), tiny.Replace("hidden: [4]", "hidden: [65536, 65536]", StringComparison.Ordinal));
        File.WriteAllText(workspace.File("wide.yaml"), tiny.Replace("hidden: [4]", "hidden: [20000, 20000]", StringComparison.Ordinal));
        File.WriteAllText(workspace.File("epsilon.yaml"), tiny + "\ngradient_check: { epsilon: 1e-300 }\n");
        File.WriteAllText(workspace.File("continuous.csv"), "x1,y\n" + string.Join("\n", Enumerable.Range(0, 200).Select(i => $"{i},{i * 0.37:R}")) + "\n");
        File.WriteAllText(workspace.File("continuous.yaml"), tiny.Replace("{ train: train.csv, test: test.csv, label: y }", "{ train: continuous.csv, test_fraction: 0.25, label: y }", StringComparison.Ordinal));
        File.WriteAllText(workspace.File("dirdata.yaml"), tiny.Replace("train: train.csv", "train: adir", StringComparison.Ordinal));
        File.WriteAllText(workspace.File("overflow.csv"), "x1,y\n1e308,0\n-1e308,1\n1e308,0\n5,1\n");
        File.WriteAllText(workspace.File("overflow.yaml"), tiny.Replace("{ train: train.csv, test: test.csv, label: y }", "{ train: overflow.csv, test: overflow.csv, label: y }", StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Hashes(TempFolder workspace) =>
        Directory.GetFiles(workspace.Path).Where(f => new FileInfo(f).LinkTarget is null)
            .ToDictionary(f => Path.GetFileName(f), HostileFixture.Hash, StringComparer.Ordinal);
}
