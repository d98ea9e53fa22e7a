namespace Shield.LoadHarness;

/// <summary>Where the built services are: the harness builds them (project references) in its own configuration.</summary>
internal static class Repository
{
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    public static string ShieldDll => Built("src/WebApi", "Shield.WebApi.dll");

    public static string BaselineDll => Built("benchmarks/Shield.Baseline", "Shield.Baseline.dll");

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: run the harness with dotnet run, which builds it.");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shield.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Shield.sln not found above the harness: run it from the repository.");
    }
}
