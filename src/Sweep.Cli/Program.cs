using System.CommandLine;
using Sweep.Cli.Commands;
using Sweep.Storage;

// sweep: hyperparameter sweeps of fully connected networks. Composition only: each command lives in Commands/.
var root = new RootCommand("Sweep: which initializer, L2 lambda and keep_prob work best for your network and data")
{
    RunCommand.Create(),
    ValidateCommand.Create(),
    ClusterCommands.Coordinator(),
    ClusterCommands.Worker(),
    QueryCommands.Best(),
    QueryCommands.Trials(),
    QueryCommands.Show(),
    QueryCommands.ExportModel(),
};

try
{
    // Errors the user can act on are printed below as one line; anything else keeps the default report. Ctrl+C and
    // SIGTERM cancel the command's token; a node then has this long to leave its cluster and store what it holds.
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
    });
}
catch (CliException exception)
{
    await Console.Error.WriteLineAsync($"sweep: {exception.Message}");
    return exception.ExitCode;
}
catch (Sweep.Runtime.Configuration.ClusterTlsException exception)
{
    await Console.Error.WriteLineAsync($"sweep: {exception.Message}");
    return 2;
}
catch (TrialStoreException exception)
{
    await Console.Error.WriteLineAsync($"sweep: {exception.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("sweep: stopped before the sweep started; nothing was run");
    return 130;
}
