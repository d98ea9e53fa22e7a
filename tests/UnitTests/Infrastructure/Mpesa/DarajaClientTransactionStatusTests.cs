using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Shield.Application.Payments.Ports;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Infrastructure.Mpesa;

/// <summary>DarajaClient.RequestTransactionStatusAsync against REFERENCE.md §5.1-5.2, with a certificate made here.</summary>
public sealed class DarajaClientTransactionStatusTests : IDisposable
{
    private const string Password = "Safaricom999!*!";
    private const string Receipt = "NEF61H8J60";

    /// <summary>REFERENCE.md §5.2, verbatim.</summary>
    private const string Acknowledgement = """
        {
            "OriginatorConversationID": "1236-7134259-1",
            "ConversationID": "AG_20210709_1234409f86436c583e3f",
            "ResponseCode": "0",
            "ResponseDescription": "Accept the service request successfully."
        }
        """;

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "shield-unit", Guid.NewGuid().ToString("N"));
    private readonly DarajaFixture _fixture;

    public DarajaClientTransactionStatusTests()
    {
        Directory.CreateDirectory(_directory);
        var certificatePath = Path.Combine(_directory, "mpesa.cer");
        using (var certificate = new CertificateRequest("CN=test-mpesa", _key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                   .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)))
        {
            File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        }

        _fixture = new DarajaFixture(o =>
        {
            o.Initiator = "testapi";
            o.InitiatorPassword = Password;
            o.CertificatePath = certificatePath;
        });
        _fixture.Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.OK, Acknowledgement));
    }

    private ScriptedDaraja Daraja => _fixture.Daraja;

    public void Dispose()
    {
        _fixture.Dispose();
        _key.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<TransactionStatusOutcome> RequestAsync(PaymentId? id = null) =>
        _fixture.Client.RequestTransactionStatusAsync(new TransactionStatusRequest(id ?? PaymentId.New(), Receipt), CancellationToken.None);

    [Fact]
    public async Task RequestTransactionStatusAsync_Body_HasTheTablesFieldNamesAndValues()
    {
        var id = PaymentId.New();

        await RequestAsync(id);

        var request = Assert.Single(Daraja.TransactionStatusRequests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("Bearer", request.Authorization?.Scheme);
        using var document = JsonDocument.Parse(request.Body!);
        var body = document.RootElement;
        Assert.Equal(
            ["CommandID", "IdentifierType", "Initiator", "Occasion", "PartyA", "QueueTimeOutURL", "Remarks", "ResultURL", "SecurityCredential", "TransactionID"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("testapi", body.GetProperty("Initiator").GetString());
        Assert.Equal("TransactionStatusQuery", body.GetProperty("CommandID").GetString());
        Assert.Equal(Receipt, body.GetProperty("TransactionID").GetString());
        Assert.Equal("174379", body.GetProperty("PartyA").GetString());
        Assert.Equal("4", body.GetProperty("IdentifierType").GetString());
        Assert.Equal("https://pay.example.test/api/v1/daraja/transaction-status/result/cb-secret-0123456789abcdef", body.GetProperty("ResultURL").GetString());
        Assert.Equal("https://pay.example.test/api/v1/daraja/transaction-status/timeout/cb-secret-0123456789abcdef", body.GetProperty("QueueTimeOutURL").GetString());
        Assert.InRange(body.GetProperty("Remarks").GetString()!.Length, 1, 100);
        Assert.InRange(body.GetProperty("Occasion").GetString()!.Length, 0, 100);
    }

    [Fact]
    public async Task RequestTransactionStatusAsync_SecurityCredential_DecryptsToTheInitiatorPassword()
    {
        await RequestAsync();

        using var document = JsonDocument.Parse(Assert.Single(Daraja.TransactionStatusRequests).Body!);
        var credential = Convert.FromBase64String(document.RootElement.GetProperty("SecurityCredential").GetString()!);
        Assert.Equal(Password, Encoding.UTF8.GetString(_key.Decrypt(credential, RSAEncryptionPadding.Pkcs1)));
    }

    [Fact]
    public async Task RequestTransactionStatusAsync_Acknowledged_IsAcceptedWithDarajasIds()
    {
        var outcome = await RequestAsync();

        Assert.Equal(new TransactionStatusOutcome.Accepted("AG_20210709_1234409f86436c583e3f", "1236-7134259-1"), outcome);
    }

    [Fact]
    public async Task RequestTransactionStatusAsync_ErrorBody_IsRejectedWithCodeAndMessage()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.BadRequest,
            """{"requestId":"11728-2929992-1","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid TransactionID"}"""));

        var outcome = await RequestAsync();

        Assert.Equal(new TransactionStatusOutcome.Rejected("400.002.02", "Bad Request - Invalid TransactionID"), outcome);
    }

    [Fact]
    public async Task RequestTransactionStatusAsync_HtmlAnswer_IsUnreachable()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Html(HttpStatusCode.BadGateway));

        Assert.Equal(new TransactionStatusOutcome.NoAnswer(NoAnswerReason.Unreachable), await RequestAsync());
    }

    [Fact]
    public async Task RequestTransactionStatusAsync_Timeout_IsTimedOut()
    {
        Daraja.Api = (_, _) => throw new TaskCanceledException("timeout", new TimeoutException());

        Assert.Equal(new TransactionStatusOutcome.NoAnswer(NoAnswerReason.TimedOut), await RequestAsync());
    }

    [Theory]
    [InlineData("initiator")]
    [InlineData("password")]
    [InlineData("certificate")]
    public async Task RequestTransactionStatusAsync_NotConfigured_IsRejectedWithoutCallingDaraja(string missing)
    {
        switch (missing)
        {
            case "initiator":
                _fixture.Options.Initiator = null;
                break;
            case "password":
                _fixture.Options.InitiatorPassword = "";
                break;
            default:
                _fixture.Options.CertificatePath = null;
                break;
        }

        var outcome = await RequestAsync();

        Assert.Equal("shield.not_configured", Assert.IsType<TransactionStatusOutcome.Rejected>(outcome).ErrorCode);
        Assert.Empty(Daraja.Requests);
    }
}
