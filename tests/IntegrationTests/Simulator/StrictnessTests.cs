using System.Text.Json;
using Shield.DarajaSimulator;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Simulator;

/// <summary>Both simulators of <see cref="StrictnessTests"/>, started once for the class.</summary>
public sealed class StrictnessHosts : IAsyncLifetime
{
    public SimulatorHost Documented { get; private set; } = null!;

    public SimulatorHost Strict { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Documented = await SimulatorHost.StartAsync(DarajaSimulatorStrictness.Documented);
        Strict = await SimulatorHost.StartAsync(DarajaSimulatorStrictness.Strict);
    }

    public async Task DisposeAsync()
    {
        await Documented.DisposeAsync();
        await Strict.DisposeAsync();
    }
}

/// <summary>
/// <c>Simulator:Strictness</c>: Documented accepts what live Daraja is known or likely to accept against its
/// documentation (what npm libraries send on their defaults) and journals and logs each deviation; Strict refuses each
/// with Daraja's error shape; both refuse what Daraja is known to enforce.
/// </summary>
public sealed class StrictnessTests : IClassFixture<StrictnessHosts>
{
    private const string StkPush = "/mpesa/stkpush/v1/processrequest";
    private const string StkQuery = "/mpesa/stkpushquery/v1/query";
    private const string TransactionStatus = "/mpesa/transactionstatus/v1/query";

    private readonly SimulatorHost _documented;
    private readonly SimulatorHost _strict;

    public StrictnessTests(StrictnessHosts hosts)
    {
        _documented = hosts.Documented;
        _strict = hosts.Strict;
        _documented.Journal.Clear();
        _strict.Journal.Clear();
    }

    [Fact]
    public async Task StkPush_WithUtcTimestamp_DocumentedAcceptsAndJournalsTheDeviation()
    {
        var (status, body) = await _documented.PostAsync(StkPush, SimulatorHost.StkPush(timestamp: SimulatorHost.UtcTimestamp()));

        AssertAccepted(status, body);
        var deviation = Assert.Single(_documented.Journal.Deviations);
        Assert.Equal(StkPush, deviation.Path);
        Assert.Equal("Timestamp", deviation.Field);
        Assert.Contains("UTC", deviation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StkPush_WithAccountReferenceOf15Characters_DocumentedAcceptsAndJournalsTheDeviation()
    {
        var (status, body) = await _documented.PostAsync(StkPush, SimulatorHost.StkPush(accountReference: "UMJ-2026-000123"));

        AssertAccepted(status, body);
        var deviation = Assert.Single(_documented.Journal.Deviations);
        Assert.Equal("AccountReference", deviation.Field);
        Assert.Contains("15 characters", deviation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StkPush_WithTransactionDescOf20Characters_DocumentedAcceptsAndJournalsTheDeviation()
    {
        var (status, body) = await _documented.PostAsync(StkPush, SimulatorHost.StkPush(transactionDesc: "Lipa na mpesa online"));

        AssertAccepted(status, body);
        var deviation = Assert.Single(_documented.Journal.Deviations);
        Assert.Equal("TransactionDesc", deviation.Field);
        Assert.Contains("20 characters", deviation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StkPush_WithAllThreeDeviations_DocumentedJournalsEachAndLogsEachAsAWarning()
    {
        var request = SimulatorHost.StkPush(SimulatorHost.UtcTimestamp(), "UMJ-2026-000123", "Lipa na mpesa online");
        var earlierLines = _documented.Logs.Lines.Count;

        var (status, body) = await _documented.PostAsync(StkPush, request);

        AssertAccepted(status, body);
        Assert.Equal(["Timestamp", "AccountReference", "TransactionDesc"], _documented.Journal.Deviations.Select(d => d.Field));
        var warnings = _documented.Logs.Lines.Skip(earlierLines).Where(l => l.StartsWith("Warning ", StringComparison.Ordinal) && l.Contains("deviates from the documentation", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(["Timestamp", "AccountReference", "TransactionDesc"], field => Assert.Contains(warnings, w => w.Contains($"although {field} deviates", StringComparison.Ordinal)));
        Assert.All(warnings, w => Assert.DoesNotContain("UMJ-2026-000123", w, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StkPush_WithinTheDocumentation_DocumentedJournalsNoDeviation()
    {
        var (status, body) = await _documented.PostAsync(StkPush, SimulatorHost.StkPush(accountReference: "INV-20260001", transactionDesc: "Shield orders"));

        AssertAccepted(status, body);
        Assert.Empty(_documented.Journal.Deviations);
    }

    [Fact]
    public async Task StkPush_WithDeviationButWrongPassword_DocumentedRefusesAndJournalsNothing()
    {
        var request = SimulatorHost.StkPush(timestamp: SimulatorHost.UtcTimestamp());
        request["Password"] = SimulatorHost.Password(SimulatorHost.EastAfricaTimestamp());

        var (status, body) = await _documented.PostAsync(StkPush, request);

        AssertDarajaError(status, body, 500, "500.001.1001", "Wrong credentials");
        Assert.Empty(_documented.Journal.Deviations);
    }

    /// <summary>Documented is not lenient beyond what Daraja is seen to accept, and keeps what Daraja enforces.</summary>
    [Theory]
    [InlineData("AccountReference", "UMJ-2026-0001234", "AccountReference")]
    [InlineData("TransactionDesc", "", "Remarks")]
    [InlineData("PhoneNumber", "0708374149", "PhoneNumber")]
    [InlineData("PartyA", "+254708374149", "PartyA")]
    [InlineData("Amount", "10.5", "Amount")]
    public async Task StkPush_BeyondWhatDarajaAccepts_DocumentedRefuses(string field, string value, string named)
    {
        var request = SimulatorHost.StkPush();
        request[field] = value;

        var (status, body) = await _documented.PostAsync(StkPush, request);

        AssertDarajaError(status, body, 400, "400.002.02", "Bad Request - Invalid " + named);
        Assert.Empty(_documented.Journal.Deviations);
    }

    [Fact]
    public async Task StkPush_WithTransactionDescOver100Characters_DocumentedRefuses()
    {
        var (status, body) = await _documented.PostAsync(StkPush, SimulatorHost.StkPush(transactionDesc: new string('x', 101)));

        AssertDarajaError(status, body, 400, "400.002.02", "Bad Request - Invalid TransactionDesc");
    }

    [Fact]
    public async Task StkPush_WithTimestampNeitherEastAfricaNorUtc_DocumentedRefuses()
    {
        var (status, body) = await _documented.PostAsync(StkPush, SimulatorHost.StkPush(SimulatorHost.Timestamp(DateTimeOffset.UtcNow.AddHours(6))));

        AssertDarajaError(status, body, 400, "400.002.02", "Bad Request - Invalid Timestamp");
    }

    [Fact]
    public async Task StkQuery_WithUtcTimestamp_DocumentedAcceptsAndJournalsTheDeviation()
    {
        var push = await _documented.PostAsync(StkPush, SimulatorHost.StkPush());
        var checkoutRequestId = push.Body.GetProperty("CheckoutRequestID").GetString()!;

        var (status, body) = await _documented.PostAsync(StkQuery, SimulatorHost.StkQuery(checkoutRequestId, SimulatorHost.UtcTimestamp()));

        Assert.Equal(200, status);
        Assert.Equal("0", body.GetProperty("ResponseCode").GetString());
        Assert.Equal("4999", body.GetProperty("ResultCode").GetString());
        var deviation = Assert.Single(_documented.Journal.Deviations);
        Assert.Equal((StkQuery, "Timestamp"), (deviation.Path, deviation.Field));
    }

    [Fact]
    public async Task TransactionStatus_WithIdentifierType1_DocumentedAcknowledgesAndJournalsTheDeviation()
    {
        var (status, body) = await _documented.PostAsync(TransactionStatus, _documented.TransactionStatus(identifierType: "1"));

        Assert.Equal(200, status);
        Assert.Equal("0", body.GetProperty("ResponseCode").GetString());
        var deviation = Assert.Single(_documented.Journal.Deviations);
        Assert.Equal((TransactionStatus, "IdentifierType"), (deviation.Path, deviation.Field));
        Assert.Contains("\"1\"", deviation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransactionStatus_WithUnknownIdentifierType_DocumentedRefuses()
    {
        var (status, body) = await _documented.PostAsync(TransactionStatus, _documented.TransactionStatus(identifierType: "11"));

        AssertDarajaError(status, body, 400, "400.002.02", "Bad Request - Invalid IdentifierType");
    }

    [Fact]
    public async Task StkPush_WithUtcTimestamp_StrictRefusesWithDarajasError()
    {
        var (status, body) = await _strict.PostAsync(StkPush, SimulatorHost.StkPush(timestamp: SimulatorHost.UtcTimestamp()));

        AssertDarajaError(status, body, 400, "400.002.02", "Bad Request - Invalid Timestamp");
        Assert.Empty(_strict.Journal.Deviations);
    }

    [Theory]
    [InlineData("AccountReference", "INV-202600012")]
    [InlineData("AccountReference", "UMJ-2026-000123")]
    [InlineData("TransactionDesc", "Shield order 2")]
    [InlineData("TransactionDesc", "Lipa na mpesa online")]
    public async Task StkPush_OverTheDocumentedLength_StrictRefusesWithDarajasError(string field, string value)
    {
        var request = SimulatorHost.StkPush();
        request[field] = value;

        var (status, body) = await _strict.PostAsync(StkPush, request);

        AssertDarajaError(status, body, 400, "400.002.02", "Bad Request - Invalid " + field);
        Assert.Empty(_strict.Journal.Deviations);
    }

    [Fact]
    public async Task StkQuery_WithUtcTimestamp_StrictRefusesWithDarajasError()
    {
        var push = await _strict.PostAsync(StkPush, SimulatorHost.StkPush());
        var checkoutRequestId = push.Body.GetProperty("CheckoutRequestID").GetString()!;

        var (status, body) = await _strict.PostAsync(StkQuery, SimulatorHost.StkQuery(checkoutRequestId, SimulatorHost.UtcTimestamp()));

        AssertDarajaError(status, body, 400, "400.002.02", "Bad Request - Invalid Timestamp");
    }

    [Fact]
    public async Task TransactionStatus_WithIdentifierType1_StrictRefusesWithDarajasError()
    {
        var (status, body) = await _strict.PostAsync(TransactionStatus, _strict.TransactionStatus(identifierType: "1"));

        AssertDarajaError(status, body, 400, "400.002.02", "Bad Request - Invalid IdentifierType");
    }

    [Fact]
    public async Task StkPush_WithinTheDocumentation_StrictAccepts()
    {
        var (status, body) = await _strict.PostAsync(StkPush, SimulatorHost.StkPush(accountReference: "INV-20260001", transactionDesc: "Shield orders"));

        AssertAccepted(status, body);
    }

    private static void AssertAccepted(int status, JsonElement body)
    {
        Assert.Equal(200, status);
        Assert.Equal("0", body.GetProperty("ResponseCode").GetString());
        Assert.StartsWith("ws_CO_", body.GetProperty("CheckoutRequestID").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Daraja's error shape (REFERENCE.md §2.6): lower-camel-case requestId, errorCode, errorMessage.</summary>
    private static void AssertDarajaError(int status, JsonElement body, int expectedStatus, string errorCode, string errorMessage)
    {
        Assert.Equal(expectedStatus, status);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("requestId").GetString()));
        Assert.Equal(errorCode, body.GetProperty("errorCode").GetString());
        Assert.Equal(errorMessage, body.GetProperty("errorMessage").GetString());
    }
}
