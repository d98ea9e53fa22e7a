using System.Reflection;
using System.Xml.Linq;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa;

namespace Shield.UnitTests.Architecture;

/// <summary>
/// Dependencies point inward: WebApi -> Infrastructure -> Application -> Domain (STYLE.md). Compiled references are
/// read from the assemblies; for projects this test project does not load (WebApi, DarajaSimulator), from the csproj files.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly Assembly Domain = typeof(Payment).Assembly;
    private static readonly Assembly Application = typeof(PaymentDetails).Assembly;
    private static readonly Assembly Infrastructure = typeof(MpesaOptions).Assembly;

    private static string[] ReferencedNames(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!).Order(StringComparer.Ordinal)];

    private static bool IsBaseClassLibrary(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib";

    [Fact]
    public void Domain_ReferencesOnlyTheBaseClassLibrary()
    {
        var offending = ReferencedNames(Domain).Where(n => !IsBaseClassLibrary(n));

        Assert.Empty(offending);
    }

    [Fact]
    public void Domain_ReferencesNoShieldAssembly()
    {
        Assert.DoesNotContain(ReferencedNames(Domain), n => n.StartsWith("Shield", StringComparison.Ordinal));
    }

    [Fact]
    public void Application_ReferencesDomain()
    {
        Assert.Contains("Shield.Domain", ReferencedNames(Application));
    }

    [Theory]
    [InlineData("Shield.Infrastructure")]
    [InlineData("Shield.WebApi")]
    [InlineData("Shield.DarajaSimulator")]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("System.Net.Http")]
    public void Application_DoesNotReference(string forbidden)
    {
        var offending = ReferencedNames(Application).Where(n => n == forbidden || n.StartsWith(forbidden + ".", StringComparison.Ordinal));

        Assert.Empty(offending);
    }

    [Theory]
    [InlineData("Shield.WebApi")]
    [InlineData("Shield.DarajaSimulator")]
    public void Infrastructure_DoesNotReference(string forbidden)
    {
        Assert.DoesNotContain(forbidden, ReferencedNames(Infrastructure));
    }

    [Fact]
    public void Infrastructure_ReferencesApplication()
    {
        Assert.Contains("Shield.Application", ReferencedNames(Infrastructure));
    }

    // Project files: the build-level rule, also for projects whose assemblies this test project does not load.
    [Theory]
    [InlineData("Domain", new string[0])]
    [InlineData("Application", new[] { "Domain" })]
    [InlineData("Infrastructure", new[] { "Application" })]
    [InlineData("DarajaSimulator", new string[0])]
    public void ProjectFile_ReferencesOnlyTheLayerBelow(string project, string[] expected)
    {
        Assert.Equal(expected, ProjectReferences(project));
    }

    [Theory]
    [InlineData("Domain")]
    [InlineData("Application")]
    [InlineData("Infrastructure")]
    [InlineData("DarajaSimulator")]
    public void ProjectFile_DoesNotReferenceTheHost(string project)
    {
        Assert.DoesNotContain("WebApi", ProjectReferences(project));
    }

    [Fact]
    public void DomainProjectFile_ReferencesNoPackage()
    {
        Assert.DoesNotContain(Project("Domain").Descendants(), e => e.Name.LocalName is "PackageReference" or "FrameworkReference");
    }

    [Theory]
    [InlineData("Application", "Microsoft.EntityFrameworkCore")]
    [InlineData("Application", "Microsoft.AspNetCore")]
    [InlineData("DarajaSimulator", "Microsoft.EntityFrameworkCore")]
    public void ProjectFile_DoesNotUsePackage(string project, string forbidden)
    {
        var references = Project(project).Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty);

        Assert.DoesNotContain(references, r => r.StartsWith(forbidden, StringComparison.Ordinal));
    }

    private static string[] ProjectReferences(string project) =>
        [.. Project(project).Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(((string)e.Attribute("Include")!).Replace('\\', '/')))
            .Order(StringComparer.Ordinal)];

    private static XDocument Project(string project) => XDocument.Load(Path.Combine(RepositoryRoot(), "src", project, $"{project}.csproj"));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Shield.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Shield.sln not found above " + AppContext.BaseDirectory);
    }
}
