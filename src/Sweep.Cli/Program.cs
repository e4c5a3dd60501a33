using System.CommandLine;
using Sweep.Cli;
using Sweep.Cli.Commands;
using Sweep.Storage;

// sweep: hyperparameter sweeps of fully connected networks. Composition only: each command lives in Commands/.
if (NativeFront.HandOver(args) is int cannotStart)
{
    return cannotStart;
}

RuntimeCode.ChooseFor(args);
var root = new RootCommand("Sweep: which initializer, L2 lambda and keep_prob work best for your network and data");
// The native front holds only the commands it answers (NativeFront); its compiler leaves the others out.
Command[] commands = NativeFront.IsNativeFront
    ? [ValidateCommand.Create(), QueryCommands.Best(), QueryCommands.Trials(), QueryCommands.Show()]
    : [
        RunCommand.Create(),
        ValidateCommand.Create(),
        ClusterCommands.Coordinator(),
        ClusterCommands.Worker(),
        QueryCommands.Best(),
        QueryCommands.Trials(),
        QueryCommands.Show(),
        QueryCommands.ExportModel(),
        PredictCommand.Create(),
        DiagnoseCommand.Create(),
        ReportCommand.Create(),
        RerunCommand.Create(),
        CheckCommand.Create(),
    ];
foreach (Command command in commands)
{
    root.Subcommands.Add(command);
}

if (!NativeFront.IsNativeFront)
{
    // Native code has nothing left to compile.
    StartupProfile.Start(root.Subcommands.Select(c => c.Name), args);
}

// Every way out of here is one line on stderr and a documented exit code (ExitCodes); a stack trace goes to the
// failure log, never to the terminal.
try
{
    ParseResult parsed = root.Parse(args);
    if (parsed.Errors.Count > 0)
    {
        string command = parsed.CommandResult.Command.Name switch { "sweep" => "", var name => name + " " };
        string errors = string.Join("; ", parsed.Errors.Select(e => CommandLineWords.Plain(e.Message)));
        await Console.Error.WriteLineAsync(CommandLineWords.Printable($"sweep: {errors} (see sweep {command}--help)"));
        return ExitCodes.BadInput;
    }

    // Ctrl+C and SIGTERM cancel the command's token; a node then has this long to leave its cluster and store what it holds.
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
    });
}
catch (Exception exception) when (NativeFront.ReadsAgain(exception))
{
    return NativeFront.HandOverNow(args);
}
catch (CliException exception)
{
    await Console.Error.WriteLineAsync(CommandLineWords.Printable($"sweep: {exception.Message}", exception.IsList));
    return exception.ExitCode;
}
catch (Sweep.Runtime.Configuration.ClusterTlsException exception)
{
    await Console.Error.WriteLineAsync(CommandLineWords.Printable($"sweep: {exception.Message}"));
    return ExitCodes.BadInput;
}
catch (TrialStoreException exception)
{
    await Console.Error.WriteLineAsync(CommandLineWords.Printable($"sweep: {exception.Message}"));
    return exception is DamagedStoreException ? ExitCodes.Refused : ExitCodes.BadInput;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("sweep: stopped before the sweep started; nothing was run");
    return ExitCodes.Interrupted;
}
catch (Exception exception) when (exception is not OutOfMemoryException)
{
    string? log = FailureLog.Write(exception, args);
    string where = log is null ? "the details could not be written to a log" : $"the details are in {log}";
    await Console.Error.WriteLineAsync(CommandLineWords.Printable($"sweep: unexpected error: {exception.GetType().Name}: {exception.Message}. This is a bug in sweep; {where}"));
    return ExitCodes.InternalError;
}
