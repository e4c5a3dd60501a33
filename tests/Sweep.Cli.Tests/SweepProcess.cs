using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Sweep.Storage;

namespace Sweep.Cli.Tests;

/// <summary>Runs the real <c>sweep</c> program (the sweep.dll beside the tests) in a process of its own.</summary>
internal sealed class SweepProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _gate = new();

    private SweepProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Process tests run one at a time: on two cores, two sweeps side by side would starve each other.</summary>
    public const string Collection = "sweep processes";

    public static string RepositoryRoot { get; } = FindRoot();

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>The process's peak resident memory so far (VmHWM in /proc), in KiB; null once it has exited.</summary>
    public long? PeakMemoryKiB()
    {
        try
        {
            string? line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>How a worker names itself in results and logs: the machine's name and its process id.</summary>
    public string NodeName => $"{Environment.MachineName}-{_process.Id}";

    public static SweepProcess Start(string workingDirectory, params string[] arguments) =>
        Start(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Starts the program with <paramref name="environment"/> added to this process's variables.</summary>
    public static SweepProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sweep.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new SweepProcess(Process.Start(start)!);
    }

    /// <summary>Runs to the end and returns the exit code and everything printed.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary><see cref="Run(string, string[])"/> with <paramref name="environment"/> added to this process's variables.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using SweepProcess process = Start(workingDirectory, environment, arguments);
        int code = process.WaitForExit(TimeSpan.FromMinutes(5));
        return (code, process.Output);
    }

    /// <summary>
    /// <see cref="Run"/> as an unprivileged user: as root (whom file modes do not stop) through <c>setpriv</c> as
    /// nobody, otherwise as the current user.
    /// </summary>
    public static (int ExitCode, string Output) RunAsUnprivileged(string workingDirectory, params string[] arguments)
    {
        if (Environment.UserName != "root")
        {
            return Run(workingDirectory, arguments);
        }

        var start = new ProcessStartInfo("setpriv")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_HOME=/tmp", "dotnet", Path.Combine(AppContext.BaseDirectory, "sweep.dll"), .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new SweepProcess(Process.Start(start)!);
        int code = process.WaitForExit(TimeSpan.FromMinutes(2));
        return (code, process.Output);
    }

    /// <summary>Runs a query with --json and parses the array it prints.</summary>
    public static JsonArray Json(string workingDirectory, params string[] arguments)
    {
        var (code, output) = Run(workingDirectory, [.. arguments, "--json"]);
        Assert.True(code == 0, $"sweep {string.Join(' ', arguments)} exited {code}: {output}");
        return JsonNode.Parse(output)!.AsArray();
    }

    public static int StoredCount(string folder, string db)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        var (code, output) = SweepProcess.Run(folder, "trials", "--db", db, "--json");
        return code == 0 ? JsonNode.Parse(output)!.AsArray().Count : 0;
    }

    /// <summary>
    /// How many trials a store holds, read straight from it (shared mode, as a second process may): quick enough to
    /// poll while a sweep writes it.
    /// </summary>
    public static int StoredTrials(string db) => ReadStore(db, store => store.Trials().Count, 0);

    public static T ReadStore<T>(string db, Func<TrialStore, T> query, T empty)
    {
        ArgumentNullException.ThrowIfNull(query);

        // The coordinator creates the file a moment before it writes the store's first page.
        if (!File.Exists(db) || new FileInfo(db).Length == 0)
        {
            return empty;
        }

        using TrialStore store = TrialStore.OpenReadOnly(db);
        return query(store);
    }

    /// <summary>A port nothing listens on now, for a coordinator to take.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static void WaitUntil(Func<bool> condition, TimeSpan timeout, SweepProcess process)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.False(process.HasExited, $"sweep ended early: {process.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"timed out: {process.Output}");
            Thread.Sleep(200);
        }
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sweep did not finish within {timeout}: {Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, as <c>docker stop</c> sends it.</summary>
    public void Terminate()
    {
        using Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sweep.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("the tests run outside the repository");
    }
}
