using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Shield.Infrastructure.Events;

namespace Shield.IntegrationTests.Persistence;

/// <summary>
/// No SQL Server can run here, so its schema is proven without one: the idempotent migration script (what production
/// applies, see README) is generated and parsed by Microsoft's own T-SQL parser.
/// </summary>
public sealed class SqlServerScriptTests
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var db = MigrationsTests.Context("SqlServer");
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    });

    [Fact]
    public void IdempotentScript_ParsesWithoutErrors()
    {
        var fragment = Parse(Script.Value, out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        Assert.NotEmpty(((TSqlScript)fragment).Batches);
        var nested = Collect<ExecuteStatement>(fragment).Select(Inner).OfType<string>().ToList();
        Assert.NotEmpty(nested); // EF wraps filtered indexes in EXEC(N'...'): those are parsed too
        foreach (var sql in nested)
        {
            Parse(sql, out var innerErrors);
            Assert.Empty(innerErrors.Select(e => $"{sql}: {e.Message}"));
        }
    }

    [Fact]
    public void IdempotentScript_CreatesTheTablesWithTheConcurrencyColumn()
    {
        var tables = Statements<CreateTableStatement>().ToDictionary(t => t.SchemaObjectName.BaseIdentifier.Value, t => t);

        Assert.Contains("Payments", tables.Keys);
        Assert.Contains("PaymentAttempts", tables.Keys);
        Assert.Contains("CallbackInbox", tables.Keys);
        var columns = tables["Payments"].Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value).ToList();
        Assert.Contains("Version", columns);
        Assert.Contains("IdempotencyKey", columns);
        Assert.Contains("MpesaReceiptNumber", columns);
        Assert.Contains("CheckoutRequestId", tables["PaymentAttempts"].Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value));
    }

    [Theory]
    [InlineData("IX_PaymentAttempts_CheckoutRequestId", "PaymentAttempts", "CheckoutRequestId")]
    [InlineData("IX_Payments_MpesaReceiptNumber", "Payments", "MpesaReceiptNumber")]
    [InlineData("IX_Payments_ClientId_IdempotencyKey", "Payments", "ClientId,IdempotencyKey")]
    public void IdempotentScript_CreatesUniqueIndex(string name, string table, string columns)
    {
        var index = Assert.Single(Statements<CreateIndexStatement>(), i => i.Name.Value == name);

        Assert.True(index.Unique, $"{name} is not unique");
        Assert.Equal(table, index.OnName.BaseIdentifier.Value);
        Assert.Equal(columns, string.Join(",", index.Columns.Select(c => c.Column.MultiPartIdentifier.Identifiers[^1].Value)));
        Assert.NotNull(index.FilterPredicate); // NULLs (no receipt yet, no key) must not collide on SQL Server
    }

    [Fact]
    public void EventLease_ParsesAsOneUpdateThatSkipsAndLocksTheRowsItTakes()
    {
        var fragment = Parse(EventLeases.SqlServerSql, out var errors);

        Assert.Empty(errors.Select(e => $"line {e.Line}: {e.Message}"));
        var update = Assert.Single(Collect<UpdateStatement>(fragment));
        Assert.NotNull(update.UpdateSpecification.OutputClause); // the leased rows come back from the same statement
        Assert.Single(Collect<TSqlStatement>(fragment)); // one statement: the rows are chosen and leased together
        var tableHints = new HintCollector();
        fragment.Accept(tableHints);
        Assert.Contains(TableHintKind.UpdLock, tableHints.Kinds);
        Assert.Contains(TableHintKind.ReadPast, tableHints.Kinds); // a second dispatcher skips rows the first holds
    }

    private sealed class HintCollector : TSqlFragmentVisitor
    {
        public List<TableHintKind> Kinds { get; } = [];

        public override void Visit(TableHint node) => Kinds.Add(node.HintKind);
    }

    private static TSqlFragment Parse(string sql, out IList<ParseError> errors)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        return parser.Parse(reader, out errors);
    }

    /// <summary>The statements of a kind in the script, including those inside EXEC(N'...').</summary>
    private static List<T> Statements<T>()
        where T : TSqlStatement
    {
        var script = Parse(Script.Value, out _);
        var found = Collect<T>(script);
        foreach (var sql in Collect<ExecuteStatement>(script).Select(Inner).OfType<string>())
        {
            found.AddRange(Collect<T>(Parse(sql, out _)));
        }

        return found;
    }

    private static List<T> Collect<T>(TSqlFragment fragment)
        where T : TSqlStatement
    {
        var visitor = new Collector<T>();
        fragment.Accept(visitor);
        return visitor.Found;
    }

    private static string? Inner(ExecuteStatement statement) =>
        statement.ExecuteSpecification.ExecutableEntity is ExecutableStringList list
            ? string.Concat(list.Strings.OfType<StringLiteral>().Select(s => s.Value))
            : null;

    private sealed class Collector<T> : TSqlFragmentVisitor
        where T : TSqlStatement
    {
        public List<T> Found { get; } = [];

        public override void Visit(TSqlStatement node)
        {
            if (node is T found)
            {
                Found.Add(found);
            }

            base.Visit(node);
        }
    }
}
