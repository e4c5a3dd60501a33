namespace Sweep.Storage;

public enum SweepRegistrationOutcome
{
    /// <summary>The store had no sweep of that name; it is registered now.</summary>
    New,

    /// <summary>The store has the sweep from the same file: its stored trials are kept and the rest run.</summary>
    Resumed,

    /// <summary>The store has a sweep of that name from a different file: nothing may run.</summary>
    Refused,
}

/// <summary>
/// What <see cref="TrialStore.RegisterSweep"/> decided. <see cref="Sweep"/> is the sweep as stored (for a refusal, the
/// existing one); <see cref="Message"/> is a sentence for the user, and for a refusal it says what to do.
/// </summary>
public sealed record SweepRegistration(SweepRegistrationOutcome Outcome, SweepInfo Sweep, string Message)
{
    public bool IsRefused => Outcome == SweepRegistrationOutcome.Refused;
}
