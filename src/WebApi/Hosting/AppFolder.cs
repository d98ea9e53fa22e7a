namespace Shield.WebApi.Hosting;

/// <summary>
/// Where the settings files are read from. ASP.NET Core reads them from the content root, which is the working
/// directory unless given: started as <c>cd /elsewhere &amp;&amp; dotnet /app/Shield.WebApi.dll</c>, Shield would run
/// without appsettings.json. So when no content root was given (<c>--contentRoot</c>, ASPNETCORE_CONTENTROOT,
/// DOTNET_CONTENTROOT) and the working directory holds no appsettings.json, the content root is the app's own folder.
/// <c>dotnet run --project src/WebApi</c> (working directory: the project) and the integration tests' host factory
/// (which passes --contentRoot) are unchanged.
/// </summary>
internal static class AppFolder
{
    public const string SettingsFile = "appsettings.json";

    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ContentRoot(GivenContentRoot(args), Directory.GetCurrentDirectory(), AppContext.BaseDirectory),
    };

    /// <summary>The content root to use, or null to keep the host's own choice.</summary>
    internal static string? ContentRoot(string? given, string workingDirectory, string appDirectory) =>
        !string.IsNullOrEmpty(given) || File.Exists(Path.Combine(workingDirectory, SettingsFile)) ? null : appDirectory;

    /// <summary>The content root the host would read from its arguments and environment, as it reads them.</summary>
    private static string? GivenContentRoot(string[] args) =>
        new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[WebHostDefaults.ContentRootKey];
}
