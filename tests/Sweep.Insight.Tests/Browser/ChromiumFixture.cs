namespace Sweep.Insight.Tests.Browser;

/// <summary>One headless Chromium for every test in the "Chromium" collection.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private HeadlessChromium? _chromium;

    public HeadlessChromium Chromium =>
        _chromium ?? throw new InvalidOperationException("Chromium was not launched.");

    public async Task InitializeAsync() => _chromium = await HeadlessChromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_chromium is not null)
        {
            await _chromium.DisposeAsync();
        }
    }
}

/// <summary>Tests that render pages; they share one browser and run one after another (2 cores here).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumTestGroup : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
