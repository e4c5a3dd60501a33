namespace Sweep.Insight.Rules;

/// <summary>One thing the diagnosis looks for in a sweep's trials; it says nothing when it finds nothing.</summary>
public interface IDiagnosisRule
{
    IEnumerable<Finding> Find(SweepTrials sweep);
}
