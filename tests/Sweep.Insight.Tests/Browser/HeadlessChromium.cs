using System.Diagnostics;
using System.Text.Json;
using PuppeteerSharp;

namespace Sweep.Insight.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless, driven by PuppeteerSharp, for tests that open a local HTML file with the network off
/// and ask whether its plotly charts drew. One instance per test collection (<see cref="ChromiumFixture"/>): a launch
/// costs about a second, a page a fraction of that.
/// </summary>
/// <remarks>
/// <para>The browser is always the system one at <see cref="ExecutablePath"/>: PuppeteerSharp is never asked to
/// download a browser (there is no download here). A missing Chromium fails the test with how to install it.</para>
/// <para>Network off: request interception aborts every request that is not file:, data:, blob: or about: and
/// records its URL, and the page is also in offline mode, so a report that is not self-contained cannot pass by
/// fetching what it lacks.</para>
/// <para>Drawn, for plotly.js 2.x (checked on 2.28.0's DOM), means all of: plotly drew into the element (it has the
/// class <c>js-plotly-plot</c> and a <c>_fullLayout</c>); its first <c>svg.main-svg</c> has a non-zero width and
/// height; it shows no "WebGL is not supported" message (<c>.no-webgl</c>); and at least one data mark is present:
/// a marker (<c>path.point</c> with a path), a line (<c>path.js-line</c> with a path), a heatmap image
/// (<c>.heatmaplayer image</c> with an href), a contour or filled area (<c>.contourlayer path</c>, <c>path.js-fill</c>,
/// with a path), a pie slice (<c>.pielayer .slice path</c>), a box of a box plot (<c>.boxlayer path.box</c>), a bar (<c>.barlayer .point path</c>), or a parallel-coordinates axis (<c>.parcoords .y-axis</c>)
/// beside a WebGL canvas with a size. Axes, titles and legends alone do not count, so <c>newPlot</c> with no data or
/// with data that is all NaN reports not drawn. WebGL pixels are not read back (plotly does not preserve the buffer).</para>
/// </remarks>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IBrowser _browser;

    private HeadlessChromium(IBrowser browser) => _browser = browser;

    /// <summary>Starts Chromium, or throws <see cref="InvalidOperationException"/> saying how to install it.</summary>
    /// <param name="executablePath">Debian's Chromium unless a test says otherwise.</param>
    public static async Task<HeadlessChromium> LaunchAsync(string executablePath = ExecutablePath)
    {
        if (!File.Exists(executablePath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {executablePath}: the report tests need Debian's chromium package " +
                "(as root: apt-get update && apt-get install -y chromium; .ci/run installs it when it is missing).");
        }

        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = executablePath,
            Headless = true,
            // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. --disable-gpu: no GPU here, so
            // WebGL (parcoords) runs on SwiftShader; Chromium 156 still falls back to it by itself but calls that
            // deprecated, so ask for it.
            Args = ["--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader"],
        }).ConfigureAwait(false);
        return new HeadlessChromium(browser);
    }

    /// <summary>Opens <paramref name="htmlPath"/> in a new page with the network off, waits until its charts drew
    /// (or stopped changing), and reports each chart, the errors, the blocked requests and the time it took.</summary>
    public async Task<PageRender> RenderAsync(string htmlPath, RenderOptions? options = null)
    {
        options ??= new RenderOptions();
        var errors = new List<string>();
        var blocked = new List<string>();
        var page = await _browser.NewPageAsync().ConfigureAwait(false);
        try
        {
            page.Console += (_, e) =>
            {
                if (e.Message.Type == ConsoleType.Error)
                {
                    lock (errors) errors.Add("console error: " + e.Message.Text);
                }
            };
            page.PageError += (_, e) => { lock (errors) errors.Add("page error: " + e.Message); };
            page.Request += async (_, e) =>
            {
                try
                {
                    if (IsLocal(e.Request.Url))
                    {
                        await e.Request.ContinueAsync().ConfigureAwait(false);
                    }
                    else
                    {
                        lock (blocked) blocked.Add(e.Request.Url);
                        await e.Request.AbortAsync(RequestAbortErrorCode.InternetDisconnected).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (ex is PuppeteerException or ObjectDisposedException or InvalidOperationException)
                {
                    // The page closed or navigated away while the request was pending: nothing left to decide. (This
                    // handler is async void: anything thrown out of it would end the test process.)
                }
            };
            await page.SetRequestInterceptionAsync(true).ConfigureAwait(false);
            await page.SetOfflineModeAsync(true).ConfigureAwait(false);
            await page.SetViewportAsync(new ViewPortOptions { Width = options.ViewportWidth, Height = options.ViewportHeight })
                .ConfigureAwait(false);

            var clock = Stopwatch.StartNew();
            await page.GoToAsync(new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri, new NavigationOptions
            {
                WaitUntil = [WaitUntilNavigation.Load],
                Timeout = (int)options.Timeout.TotalMilliseconds,
            }).ConfigureAwait(false);
            var loaded = clock.Elapsed;

            var (charts, settledAt) = await SettleAsync(page, options, clock, loaded).ConfigureAwait(false);

            if (options.ScreenshotPath is { } screenshot)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshot))!);
                await page.ScreenshotAsync(screenshot, new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png })
                    .ConfigureAwait(false);
            }

            lock (errors)
            lock (blocked)
            {
                return new PageRender(charts, [.. errors], [.. blocked], settledAt);
            }
        }
        finally
        {
            await page.CloseAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync().ConfigureAwait(false);
        await _browser.DisposeAsync().ConfigureAwait(false);
    }

    private static bool IsLocal(string url) =>
        url.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("blob:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("about:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Polls the charts every 50 ms until all drew, or until they have not changed for the settle time.
    /// Returns them and when they first reached that state.</summary>
    private static async Task<(IReadOnlyList<ChartRender> Charts, TimeSpan At)> SettleAsync(
        IPage page, RenderOptions options, Stopwatch clock, TimeSpan loaded)
    {
        var last = await ProbeAsync(page, options.ChartSelector).ConfigureAwait(false);
        var lastChanged = clock.Elapsed;
        while (true)
        {
            if (last.Count > 0 && last.All(c => c.Drawn))
            {
                return (last, lastChanged);
            }
            if (clock.Elapsed - Max(lastChanged, loaded) >= options.SettleTime)
            {
                return (last, lastChanged);
            }
            if (clock.Elapsed >= options.Timeout)
            {
                throw new TimeoutException($"The charts kept changing for {options.Timeout}.");
            }
            await Task.Delay(50).ConfigureAwait(false);
            var now = await ProbeAsync(page, options.ChartSelector).ConfigureAwait(false);
            if (!now.SequenceEqual(last))
            {
                last = now;
                lastChanged = clock.Elapsed;
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task<IReadOnlyList<ChartRender>> ProbeAsync(IPage page, string selector)
    {
        var json = await page.EvaluateFunctionAsync<string>(ProbeScript, selector).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(c => new ChartRender(
            c.GetProperty("id").GetString() ?? "",
            c.GetProperty("drawn").GetBoolean(),
            c.GetProperty("detail").GetString() ?? ""))];
    }

    // The drawn check described on the class, run in the page. Returns JSON: [{ id, drawn, detail }].
    private const string ProbeScript = """
        (selector) => {
          const sized = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
          const hasPath = el => { const d = el.getAttribute('d'); return !!d && d !== 'M0,0Z' && d !== 'M0,0'; };
          const marks = [
            ['path.point', el => hasPath(el)],
            ['path.js-line', el => hasPath(el)],
            ['.heatmaplayer image', el => !!(el.getAttribute('href') || el.getAttribute('xlink:href'))],
            ['.contourlayer path', el => hasPath(el)],
            ['path.js-fill', el => hasPath(el)],
            ['.pielayer .slice path', el => hasPath(el)],
            ['.boxlayer path.box', el => hasPath(el)],
            ['.barlayer .point path', el => hasPath(el)],
          ];
          return JSON.stringify(Array.from(document.querySelectorAll(selector)).map(div => {
            const id = div.id || '';
            if (!div.classList.contains('js-plotly-plot') || !div._fullLayout)
              return { id, drawn: false, detail: 'plotly did not draw into it' };
            const svg = div.querySelector('svg.main-svg');
            if (!svg || !sized(svg)) return { id, drawn: false, detail: 'no plot area (svg.main-svg with a size)' };
            if (div.querySelector('.no-webgl')) return { id, drawn: false, detail: 'WebGL is not available' };
            const found = [];
            for (const [css, ok] of marks) {
              const n = Array.from(div.querySelectorAll(css)).filter(ok).length;
              if (n > 0) found.push(n + ' ' + css);
            }
            const axes = div.querySelectorAll('.parcoords .y-axis').length;
            const canvases = Array.from(div.querySelectorAll('.gl-container canvas')).filter(c => c.width > 0 && c.height > 0).length;
            if (axes > 0 && canvases > 0) found.push(axes + ' .parcoords .y-axis over ' + canvases + ' WebGL canvases');
            return found.length > 0
              ? { id, drawn: true, detail: found.join(', ') }
              : { id, drawn: false, detail: 'plot area has no data marks' };
          }));
        }
        """;
}
