using Microsoft.Playwright;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// Screenshots of console pages for docs/console.md: full page PNGs, 1280 wide (or <see cref="PhoneWidth"/>). With
/// SHIELD_CONSOLE_SCREENSHOTS=1 they go to docs/console/ in the repository (to refresh the guide's pictures); otherwise
/// to a temporary folder, so a normal run leaves the work tree clean.
/// </summary>
public static class Screens
{
    public const int DesktopWidth = Chromium.DesktopWidth;

    public const int PhoneWidth = 390;

    public static bool IntoRepository => Environment.GetEnvironmentVariable("SHIELD_CONSOLE_SCREENSHOTS") == "1";

    /// <summary>Where the pictures go in this run.</summary>
    public static string Folder { get; } = IntoRepository
        ? Path.Combine(RepositoryRoot(), "docs", "console")
        : Path.Combine(Path.GetTempPath(), "shield-console-screens");

    /// <summary>Takes <c>{name}.png</c> of the whole page at <paramref name="width"/> and returns its path; the viewport is restored.</summary>
    public static async Task<string> TakeAsync(IPage page, string name, int width = DesktopWidth)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        var viewport = page.ViewportSize ?? new PageViewportSizeResult { Width = DesktopWidth, Height = Chromium.DesktopHeight };
        if (viewport.Width != width)
        {
            await page.SetViewportSizeAsync(width, viewport.Height);
        }

        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        }
        finally
        {
            if (viewport.Width != width)
            {
                await page.SetViewportSizeAsync(viewport.Width, viewport.Height);
            }
        }

        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shield.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Shield.sln above {AppContext.BaseDirectory}: cannot find docs/console.");
    }
}
