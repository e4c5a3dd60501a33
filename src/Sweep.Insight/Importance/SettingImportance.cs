namespace Sweep.Insight.Importance;

/// <summary>How much one searched setting mattered for reaching the top trials: a share of 1 over all searched settings.</summary>
public sealed record SettingImportance(string Setting, double Importance);
