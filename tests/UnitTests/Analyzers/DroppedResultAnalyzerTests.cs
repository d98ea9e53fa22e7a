using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Shield.Analyzers;
using Shield.Domain.Common;

namespace Shield.UnitTests.Analyzers;

/// <summary>SHIELD001: code that drops a returned Result does not build (every project runs the analyzer).</summary>
public sealed class DroppedResultAnalyzerTests
{
    private const string Usings = "using System.Threading.Tasks; using Shield.Domain.Common;\n";

    [Theory]
    [InlineData("void M() { Refuse(); }", "Refuse")]
    [InlineData("void M() { Value(); }", "Value")]
    [InlineData("async Task M() { await RefuseAsync(); }", "RefuseAsync")]
    public async Task DroppedResult_IsAnError(string body, string method)
    {
        var diagnostics = await AnalyzeAsync(body);

        var dropped = Assert.Single(diagnostics);
        Assert.Equal(DroppedResultAnalyzer.Id, dropped.Id);
        Assert.Equal(DiagnosticSeverity.Error, dropped.Severity);
        Assert.Contains($"'{method}'", dropped.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Result M() => Refuse();")]
    [InlineData("bool M() { var r = Refuse(); return r.IsFailure; }")]
    [InlineData("void M() { if (Refuse().IsFailure) { } }")]
    [InlineData("void M() { _ = Refuse(); }")]
    [InlineData("async Task<Result> M() => await RefuseAsync();")]
    [InlineData("void M() { Nothing(); }")]
    public async Task HandledResult_OrNone_IsFine(string body)
    {
        Assert.Empty(await AnalyzeAsync(body));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string body)
    {
        var source = Usings + "public sealed class C { " + body + """
             static Result Refuse() => Result.Failure(new Error("no", "No.", ErrorType.Conflict));
             static Result<int> Value() => 1;
             static Task<Result> RefuseAsync() => Task.FromResult(Refuse());
             static void Nothing() { }
            }
            """;
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var references = trusted.Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(Result).Assembly.Location));
        var compilation = CSharpCompilation.Create("Analyzed", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers([new DroppedResultAnalyzer()]).GetAnalyzerDiagnosticsAsync();
    }
}
