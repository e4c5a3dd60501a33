using System.CommandLine;

namespace Sweep.Cli.Commands;

/// <summary>Options shared by several commands. Every option can also come from an environment variable, for containers.</summary>
internal static class CommonOptions
{
    public static Option<string> Database() => WithEnvironment(
        new Option<string>("--db") { Description = "The results store (a LiteDB file). Env: SWEEP_DB" }, "SWEEP_DB", "sweep.db");

    public static Option<string?> SweepName() => WithEnvironment<string?>(
        new Option<string?>("--sweep") { Description = "Only this sweep. Env: SWEEP_NAME" }, "SWEEP_NAME", null);

    public static Option<bool> Json() => WithEnvironment(
        new Option<bool>("--json") { Description = "Print JSON (an array of objects with snake_case keys). Env: SWEEP_JSON" }, "SWEEP_JSON", false);

    /// <summary>The option's value when given, else the environment variable's, else the fallback.</summary>
    public static Option<T> WithEnvironment<T>(Option<T> option, string variable, T fallback)
    {
        option.DefaultValueFactory = _ =>
        {
            string? text = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return fallback;
            }

            Type target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
            try
            {
                return (T)Convert.ChangeType(text, target, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is FormatException or OverflowException or InvalidCastException)
            {
                throw new CliException($"environment variable {variable}='{text}' is not a valid {target.Name.ToLowerInvariant()} for {option.Name}");
            }
        };
        return option;
    }
}
