using Microsoft.Extensions.Options;
using Shield.WebApi.Hosting;

namespace Shield.IntegrationTests.Hosting;

/// <summary>Which folder the settings files are read from, and how a refusal becomes lines (AppFolderTests runs the real process).</summary>
public sealed class AppFolderChoiceTests : IDisposable
{
    private readonly string _workingDirectory = Directory.CreateTempSubdirectory("shield-cwd-").FullName;
    private readonly string _appDirectory = AppContext.BaseDirectory;

    [Fact]
    public void ContentRoot_WorkingDirectoryWithoutSettings_IsTheAppFolder()
    {
        Assert.Equal(_appDirectory, AppFolder.ContentRoot(null, _workingDirectory, _appDirectory));
    }

    [Fact]
    public void ContentRoot_WorkingDirectoryWithSettings_IsLeftToTheHost()
    {
        File.WriteAllText(Path.Combine(_workingDirectory, "appsettings.json"), "{}");

        Assert.Null(AppFolder.ContentRoot(null, _workingDirectory, _appDirectory));
    }

    [Fact]
    public void ContentRoot_GivenByTheOperator_IsLeftToTheHost()
    {
        Assert.Null(AppFolder.ContentRoot("/srv/shield", _workingDirectory, _appDirectory));
    }

    [Fact]
    public void Failures_OfSeveralRefusedSections_AreEveryLine()
    {
        var refusal = new AggregateException(
            new OptionsValidationException("Mpesa", typeof(object), ["Mpesa:A is wrong.", "Mpesa:B is wrong."]),
            new OptionsValidationException("ApiClients", typeof(object), ["ApiClients:0:KeyHash is wrong."]));

        Assert.Equal(["Mpesa:A is wrong.", "Mpesa:B is wrong.", "ApiClients:0:KeyHash is wrong."], StartupRefusal.Failures(refusal));
        Assert.Empty(StartupRefusal.Failures(new InvalidOperationException("a bug")));
    }

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);
}
