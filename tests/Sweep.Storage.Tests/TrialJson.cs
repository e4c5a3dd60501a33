using System.Text.Json;
using Sweep.Domain;

namespace Sweep.Storage.Tests;

/// <summary>Compares trial results field by field through their JSON form (records compare lists by reference).</summary>
internal static class TrialJson
{
    public static string Of(TrialResult trial) => JsonSerializer.Serialize(trial);

    public static void Equal(TrialResult expected, TrialResult? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(Of(expected), Of(actual));
    }
}
