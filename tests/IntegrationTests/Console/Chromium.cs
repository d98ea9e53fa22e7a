using Microsoft.Playwright;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// Debian's chromium driven by Playwright (never a browser download): headless, one browser per test class (launched on
/// first use, so a class whose tests are all skipped starts nothing), a new context (cookies, storage) per test.
/// Playwright refuses <c>--user-data-dir</c> in a launch's arguments; each launch gets a fresh temporary profile of its
/// own, deleted when the browser closes.
/// </summary>
public sealed partial class Chromium : IAsyncDisposable
{
    /// <summary>The desktop viewport the pages are seen in (and screenshots are taken at).</summary>
    public const int DesktopWidth = 1280;

    public const int DesktopHeight = 800;

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    private readonly SemaphoreSlim _launch = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>A new context (its own cookies) whose relative URLs are on <paramref name="baseUrl"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var browser = await BrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = DesktopWidth, Height = DesktopHeight },
            Locale = "en-KE",
            TimezoneId = "Africa/Nairobi",
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }

    private async Task<IBrowser> BrowserAsync()
    {
        await _launch.WaitAsync();
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            if (!Installed)
            {
                throw new InvalidOperationException(
                    $"SHIELD_REQUIRE_BROWSER=1 but {ExecutablePath} is missing: install Debian's chromium (apt-get install chromium).");
            }

            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _launch.Dispose();
    }
}
