namespace Sweep.Insight.Tests.Browser;

public sealed class MissingChromiumTests
{
    [Fact]
    public async Task Without_chromium_the_launch_fails_saying_how_to_install_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => HeadlessChromium.LaunchAsync("/nonexistent/chromium"));

        Assert.Contains("Chromium is not installed at /nonexistent/chromium", error.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
    }
}
