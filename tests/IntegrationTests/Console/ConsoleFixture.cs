using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Shield.Application.OperatorConsole.Contracts;
using Shield.Application.OperatorConsole.ListAudit;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// One Shield host (ShieldApp: the real Program on Kestrel over loopback, Development, its own database) with the
/// test operators of <see cref="ConsoleOperators"/>, and one chromium, for the tests of a class
/// (<c>IClassFixture&lt;ConsoleFixture&gt;</c>). Each test takes a new browser context (<see cref="NewPageAsync"/>).
/// The host is made and started on the first page or client; the browser on the first page.
/// </summary>
public class ConsoleFixture : IAsyncLifetime
{
    public ConsoleFixture()
        : this(null)
    {
    }

    private readonly Lazy<ShieldApp> _app;

    /// <param name="settings">More host settings (beside the operators), as an operator would set them.</param>
    protected ConsoleFixture(IDictionary<string, string?>? settings)
    {
        // Made on first use: a class whose tests are all skipped (no chromium, or a server engine) creates no database.
        _app = new Lazy<ShieldApp>(() => new ShieldApp(ConsoleOperators.Settings(settings)));
    }

    public ShieldApp App => _app.Value;

    public Chromium Browser { get; } = new();

    /// <summary>A page in a new browser context (no cookies) on the host; dispose the context at the end of the test.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> NewPageAsync()
    {
        _ = App.Anonymous();
        var context = await Browser.NewContextAsync(App.BaseUrl);
        return (context, await context.NewPageAsync());
    }

    /// <summary>A new page already signed in as <paramref name="who"/> (on the Overview).</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignedInPageAsync(TestOperator who)
    {
        var (context, page) = await NewPageAsync();
        await ConsolePages.SignInAsync(page, who);
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(App.BaseUrl, "console").ToString());
        return (context, page);
    }

    /// <summary>The audit log as the product's own query reads it (newest first).</summary>
    public async Task<IReadOnlyList<AuditDetails>> AuditAsync(AuditFilter? filter = null)
    {
        await using var scope = App.Scope();
        var page = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListAuditEntriesQuery(filter ?? new AuditFilter(), 1,
            ListAuditEntriesQuery.MaxPageSize));
        return page.Entries;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        if (_app.IsValueCreated)
        {
            await _app.Value.DisposeAsync();
        }
    }
}
