using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Shield.Analyzers;

/// <summary>
/// SHIELD001: a call whose <c>Result</c> (or <c>Result&lt;T&gt;</c>, awaited or not) is thrown away. A Result is how the
/// domain refuses: dropping one silently ignores a refusal (a payment not found, an attempt not in flight) and goes on
/// as if the change were made. Read it (<c>if (result.IsFailure) ...</c>), return it, or, where the refusal truly
/// cannot matter, say so with a discard: <c>_ = payment.Touch(...)</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DroppedResultAnalyzer : DiagnosticAnalyzer
{
    public const string Id = "SHIELD001";

    private static readonly DiagnosticDescriptor Rule = new(
        Id,
        title: "A returned Result is dropped",
        messageFormat: "The Result of '{0}' is dropped: a refusal would go unnoticed. Check it, return it, or discard it explicitly with '_ ='.",
        category: "Reliability",
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A Result carries the domain's refusal; ignoring it carries on as if the change had been made.");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze, OperationKind.ExpressionStatement);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        var statement = (IExpressionStatementOperation)context.Operation;
        var value = statement.Operation;
        var type = value is IAwaitOperation awaited ? awaited.Type : value.Type;
        if (value is not (IInvocationOperation or IAwaitOperation) || !IsResult(type))
        {
            return;
        }

        var name = Invoked(value) is { } method ? method.Name : "the call";
        context.ReportDiagnostic(Diagnostic.Create(Rule, statement.Syntax.GetLocation(), name));
    }

    private static IMethodSymbol? Invoked(IOperation value) => value switch
    {
        IInvocationOperation invocation => invocation.TargetMethod,
        IAwaitOperation { Operation: IInvocationOperation invocation } => invocation.TargetMethod,
        _ => null,
    };

    /// <summary>Shield.Domain.Common.Result, or Result&lt;T&gt;, or a type deriving from either.</summary>
    private static bool IsResult(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Result", ContainingNamespace: { Name: "Common", ContainingNamespace: { Name: "Domain", ContainingNamespace.Name: "Shield" } } })
            {
                return true;
            }
        }

        return false;
    }
}
