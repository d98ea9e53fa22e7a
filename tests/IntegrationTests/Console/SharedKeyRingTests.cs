using System.Net;
using Microsoft.EntityFrameworkCore;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.OperatorConsole;

/// <summary>
/// The console's key ring is in the database: behind a load balancer, the instance that reads a session cookie is
/// seldom the one that issued it, and a restart must not sign every operator out.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task SessionCookie_IssuedByOneInstance_IsAcceptedByAnotherOnTheSameDatabase()
    {
        await using var database = TestDatabase.Create(NewDirectory());
        await using var one = new ShieldApp(ConsoleOperators.Settings(), database);
        await using var two = new ShieldApp(ConsoleOperators.Settings(), database);
        // Both instances make their first key at once (each opens the sign-in page): neither may refuse the other's cookies.
        using var formsOne = new ConsoleForms(one);
        using var formsTwo = new ConsoleForms(two);
        await Task.WhenAll(formsOne.SignInAsync("nobody", "wrong-password-000"), formsTwo.SignInAsync("nobody", "wrong-password-000"));

        using var signedIn = await formsOne.SignInAsync(ConsoleOperators.Viewer.Username, ConsoleOperators.Viewer.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        var overview = await GetConsoleAsync(two, formsOne.CookieHeader);
        Assert.Equal(HttpStatusCode.OK, overview.Status);
        Assert.Contains("operator:vera (Viewer)", overview.Html, StringComparison.Ordinal);
        // The keys are the database's (not each machine's key folder): one, or two if both instances made one at once.
        Assert.InRange(await one.WithDatabase(db => db.DataProtectionKeys.CountAsync()), 1, 2);
    }

    [Fact]
    public async Task SessionCookie_AfterTheInstanceRestarts_StillSignsTheOperatorIn()
    {
        await using var database = TestDatabase.Create(NewDirectory());
        string cookies;
        await using (var before = new ShieldApp(ConsoleOperators.Settings(), database))
        {
            using var forms = new ConsoleForms(before);
            using var signedIn = await forms.SignInAsync(ConsoleOperators.Admin.Username, ConsoleOperators.Admin.Password);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            cookies = forms.CookieHeader;
        }

        await using var after = new ShieldApp(ConsoleOperators.Settings(), database);
        var overview = await GetConsoleAsync(after, cookies);

        Assert.Equal(HttpStatusCode.OK, overview.Status);
        Assert.Contains("operator:ada (Admin)", overview.Html, StringComparison.Ordinal);
        Assert.Equal(1, await after.WithDatabase(db => db.DataProtectionKeys.CountAsync()));
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetConsoleAsync(ShieldApp app, string cookies)
    {
        app.Anonymous().Dispose();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/console");
        request.Headers.Add("Cookie", cookies);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string NewDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "shield-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }
}
