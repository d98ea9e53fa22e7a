using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using NSubstitute;
using Shield.Application.Refunds.Ports;
using Shield.Domain.Refunds;
using Shield.Infrastructure.Mpesa;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Infrastructure.Mpesa;

/// <summary>DarajaClient's reversal calls against REFERENCE.md §11.1-11.2 and §11.6, with a certificate made here.</summary>
public sealed class DarajaClientReversalTests : IDisposable
{
    private const string Password = "Safaricom999!*!";
    private const string Receipt = "SKC82PACB8";
    private const string ReversalPath = "/mpesa/reversal/v1/request";
    private const string Secret = "cb-secret-0123456789abcdef";

    /// <summary>REFERENCE.md §11.2, the SDK fixture that looks captured (the doc's own table swaps the two ids' samples).</summary>
    private const string Acknowledgement = """
        {
            "OriginatorConversationID": "29464-48063588-1",
            "ConversationID": "AG_20230206_201056794190723278ff",
            "ResponseDescription": "Accept the service request successfully.",
            "ResponseCode": "0"
        }
        """;

    /// <summary>REFERENCE.md §11.2, the official synchronous error sample.</summary>
    private const string ErrorSample = """
        {
            "requestId": "94fc-460e-a970-797968bf6a851272619",
            "errorCode": "400.002.02",
            "errorMessage": "Bad Request - Invalid TransactionID"
        }
        """;

    private readonly RSA _key = RSA.Create(2048);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "shield-unit", Guid.NewGuid().ToString("N"));
    private readonly DarajaFixture _fixture;

    public DarajaClientReversalTests()
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

    private Task<ReversalSubmission> ReverseAsync(int amount = 100, string remarks = "Customer paid twice") =>
        _fixture.Client.RequestReversalAsync(new ReversalRequest(RefundId.New(), Receipt, amount, remarks), CancellationToken.None);

    private Task<ReversalSubmission> AskStatusAsync(RefundId? id = null) =>
        _fixture.Client.RequestReversalStatusAsync(new ReversalStatusRequest(id ?? RefundId.New(), "29464-48063588-1"), CancellationToken.None);

    private JsonElement SentBody(string path)
    {
        var request = Assert.Single(Daraja.Requests, r => r.Path == path);
        using var document = JsonDocument.Parse(request.Body!);
        return document.RootElement.Clone();
    }

    [Fact]
    public async Task RequestReversalAsync_Body_HasTheTablesFieldNamesWithDarajasSpelling()
    {
        await ReverseAsync();

        var request = Assert.Single(Daraja.Requests, r => r.Path == ReversalPath);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("Bearer", request.Authorization?.Scheme);
        Assert.Equal("application/json", request.ContentType);
        var body = SentBody(ReversalPath);
        Assert.Equal(
            ["Amount", "CommandID", "Initiator", "QueueTimeOutURL", "ReceiverParty", "RecieverIdentifierType", "Remarks", "ResultURL", "SecurityCredential", "TransactionID"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.False(body.TryGetProperty("ReceiverIdentifierType", out _), "the corrected spelling is rejected by Daraja");
        Assert.False(body.TryGetProperty("Occasion", out _));
        Assert.False(body.TryGetProperty("OriginatorConversationID", out _));
    }

    [Fact]
    public async Task RequestReversalAsync_Body_HasTheValuesAndJsonTypes()
    {
        await ReverseAsync(amount: 100, remarks: "Customer paid twice");

        var body = SentBody(ReversalPath);
        Assert.Equal("testapi", body.GetProperty("Initiator").GetString());
        Assert.Equal("TransactionReversal", body.GetProperty("CommandID").GetString());
        Assert.Equal(Receipt, body.GetProperty("TransactionID").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("Amount").ValueKind);
        Assert.Equal("100", body.GetProperty("Amount").GetRawText());
        Assert.Equal(JsonValueKind.String, body.GetProperty("ReceiverParty").ValueKind);
        Assert.Equal("174379", body.GetProperty("ReceiverParty").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("RecieverIdentifierType").ValueKind);
        Assert.Equal("11", body.GetProperty("RecieverIdentifierType").GetString());
        Assert.Equal($"https://pay.example.test/api/v1/daraja/reversal/result/{Secret}", body.GetProperty("ResultURL").GetString());
        Assert.Equal($"https://pay.example.test/api/v1/daraja/reversal/timeout/{Secret}", body.GetProperty("QueueTimeOutURL").GetString());
        Assert.Equal("Customer paid twice", body.GetProperty("Remarks").GetString());
    }

    [Fact]
    public async Task RequestReversalAsync_ConfiguredIdentifierTypeAndTill_AreSent()
    {
        _fixture.Options.ReversalReceiverIdentifierType = "4";
        _fixture.Options.PartyB = "600997";

        await ReverseAsync();

        var body = SentBody(ReversalPath);
        Assert.Equal("4", body.GetProperty("RecieverIdentifierType").GetString());
        Assert.Equal("600997", body.GetProperty("ReceiverParty").GetString());
    }

    [Fact]
    public async Task RequestReversalAsync_LongRemarks_AreCutTo100Characters()
    {
        await ReverseAsync(remarks: new string('r', 150));

        Assert.Equal(new string('r', 100), SentBody(ReversalPath).GetProperty("Remarks").GetString());
    }

    [Fact]
    public async Task RequestReversalAsync_SecurityCredential_DecryptsToTheInitiatorPassword()
    {
        await ReverseAsync();

        var credential = Convert.FromBase64String(SentBody(ReversalPath).GetProperty("SecurityCredential").GetString()!);
        Assert.Equal(Password, Encoding.UTF8.GetString(_key.Decrypt(credential, RSAEncryptionPadding.Pkcs1)));
    }

    [Fact]
    public async Task RequestReversalAsync_Acknowledged_IsAcceptedWithTheIdsMappedByKey()
    {
        var outcome = await ReverseAsync();

        Assert.Equal(new ReversalSubmission.Accepted("AG_20230206_201056794190723278ff", "29464-48063588-1"), outcome);
    }

    [Fact]
    public async Task RequestReversalAsync_ErrorBodyWith400_IsRejectedAndNotRetried()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.BadRequest, ErrorSample));

        var outcome = await ReverseAsync();

        Assert.Equal(new ReversalSubmission.Rejected("400.002.02", "Bad Request - Invalid TransactionID"), outcome);
        Assert.Single(Daraja.Requests, r => r.Path == ReversalPath);
    }

    [Fact]
    public async Task RequestReversalAsync_ErrorBodyWith500_IsServerErrorAndNotRetried()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.InternalServerError,
            """{"requestId":"1-2-3","errorCode":"500.003.02","errorMessage":"Spike Arrest Violation"}"""));

        var outcome = await ReverseAsync();

        Assert.Equal(new ReversalSubmission.NoAnswer(ReversalNoAnswer.ServerError), outcome);
        Assert.Single(Daraja.Requests, r => r.Path == ReversalPath);
    }

    [Fact]
    public async Task RequestReversalAsync_HtmlWith200_IsUnreadable()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Html(HttpStatusCode.OK));

        Assert.Equal(new ReversalSubmission.NoAnswer(ReversalNoAnswer.Unreadable), await ReverseAsync());
    }

    [Fact]
    public async Task RequestReversalAsync_200ThatIsNoAcknowledgement_IsUnreadable()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.OK,
            """{"OriginatorConversationID":"29464-48063588-1","ResponseCode":"1","ResponseDescription":"Rejected"}"""));

        Assert.Equal(new ReversalSubmission.NoAnswer(ReversalNoAnswer.Unreadable), await ReverseAsync());
    }

    [Fact]
    public async Task RequestReversalAsync_Timeout_IsTimedOutAndNotRetried()
    {
        Daraja.Api = (_, _) => throw new TaskCanceledException("timeout", new TimeoutException());

        Assert.Equal(new ReversalSubmission.NoAnswer(ReversalNoAnswer.TimedOut), await ReverseAsync());
        Assert.Single(Daraja.Requests, r => r.Path == ReversalPath);
    }

    [Fact]
    public async Task RequestReversalAsync_ConnectionRefused_IsUnreachable()
    {
        Daraja.Api = (_, _) => throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));

        Assert.Equal(new ReversalSubmission.NoAnswer(ReversalNoAnswer.Unreachable), await ReverseAsync());
        Assert.Single(Daraja.Requests, r => r.Path == ReversalPath);
    }

    [Fact]
    public async Task RequestReversalAsync_NoTokenFromDaraja_IsRejectedAsNotSent()
    {
        // Daraja refuses the app's credentials (not retried): no token, so the reversal is never posted.
        Daraja.Token = _ => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.BadRequest,
            """{"requestId":"11259-2330641-1","errorCode":"400.008.02","errorMessage":"Invalid grant type passed"}"""));

        var outcome = await ReverseAsync();

        Assert.Equal("shield.token_unavailable", Assert.IsType<ReversalSubmission.Rejected>(outcome).ErrorCode);
        Assert.DoesNotContain(Daraja.Requests, r => r.Path == ReversalPath);
    }

    [Fact]
    public async Task RequestReversalAsync_UnreadableCertificate_IsRejectedAsNotSent()
    {
        var broken = Path.Combine(_directory, "broken.cer");
        await File.WriteAllTextAsync(broken, "not a certificate");
        _fixture.Options.CertificatePath = broken;

        var outcome = await ReverseAsync();

        Assert.Equal("shield.credential_unusable", Assert.IsType<ReversalSubmission.Rejected>(outcome).ErrorCode);
        Assert.Empty(Daraja.Requests);
    }

    [Theory]
    [InlineData("initiator")]
    [InlineData("password")]
    [InlineData("certificate")]
    public async Task RequestReversalAsync_NotConfigured_IsRejectedWithoutCallingDaraja(string missing)
    {
        switch (missing)
        {
            case "initiator":
                _fixture.Options.Initiator = "";
                break;
            case "password":
                _fixture.Options.InitiatorPassword = null;
                break;
            default:
                _fixture.Options.CertificatePath = null;
                break;
        }

        var outcome = await ReverseAsync();

        Assert.Equal("shield.not_configured", Assert.IsType<ReversalSubmission.Rejected>(outcome).ErrorCode);
        Assert.Empty(Daraja.Requests);
    }

    [Fact]
    public async Task RequestReversalStatusAsync_Body_AsksByOriginalConversationIdWithoutTransactionId()
    {
        var id = RefundId.New();

        await AskStatusAsync(id);

        var body = SentBody(ScriptedDaraja.TransactionStatusPath);
        Assert.Equal(
            ["CommandID", "IdentifierType", "Initiator", "Occasion", "OriginalConversationID", "PartyA", "QueueTimeOutURL", "Remarks", "ResultURL", "SecurityCredential"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("TransactionStatusQuery", body.GetProperty("CommandID").GetString());
        Assert.Equal("29464-48063588-1", body.GetProperty("OriginalConversationID").GetString());
        Assert.Equal("174379", body.GetProperty("PartyA").GetString());
        Assert.Equal("4", body.GetProperty("IdentifierType").GetString());
        Assert.Equal($"https://pay.example.test/api/v1/daraja/reversal-status/result/{Secret}", body.GetProperty("ResultURL").GetString());
        Assert.Equal($"https://pay.example.test/api/v1/daraja/reversal-status/timeout/{Secret}", body.GetProperty("QueueTimeOutURL").GetString());
        Assert.Equal("Shield refund verification", body.GetProperty("Remarks").GetString());
        Assert.Equal(id.Value.ToString("N"), body.GetProperty("Occasion").GetString());
        var credential = Convert.FromBase64String(body.GetProperty("SecurityCredential").GetString()!);
        Assert.Equal(Password, Encoding.UTF8.GetString(_key.Decrypt(credential, RSAEncryptionPadding.Pkcs1)));
    }

    [Fact]
    public async Task RequestReversalStatusAsync_Acknowledged_IsAccepted()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.OK, """
            {"OriginatorConversationID":"1236-7134259-1","ConversationID":"AG_20210709_1234409f86436c583e3f","ResponseCode":"0","ResponseDescription":"Accept the service request successfully."}
            """));

        Assert.Equal(new ReversalSubmission.Accepted("AG_20210709_1234409f86436c583e3f", "1236-7134259-1"), await AskStatusAsync());
    }

    [Fact]
    public async Task RequestReversalStatusAsync_ErrorBodyWith400_IsRejected()
    {
        Daraja.Api = (_, _) => Task.FromResult(ScriptedDaraja.Json(HttpStatusCode.BadRequest,
            """{"requestId":"1-2-3","errorCode":"400.002.02","errorMessage":"Bad Request - Invalid OriginalConversationID"}"""));

        Assert.Equal(new ReversalSubmission.Rejected("400.002.02", "Bad Request - Invalid OriginalConversationID"), await AskStatusAsync());
    }

    [Fact]
    public async Task RequestReversalStatusAsync_Timeout_IsTimedOut()
    {
        Daraja.Api = (_, _) => throw new TaskCanceledException("timeout", new TimeoutException());

        Assert.Equal(new ReversalSubmission.NoAnswer(ReversalNoAnswer.TimedOut), await AskStatusAsync());
    }

    [Fact]
    public async Task RequestReversalAsync_Log_NamesTheRefundAndOutcomeButNoSecret()
    {
        var logger = new RecordingLogger<DarajaClient>();
        var factory = Substitute.For<IHttpClientFactory>();
        factory.CreateClient(Arg.Any<string>()).Returns(_ => new HttpClient(Daraja, disposeHandler: false));
        var options = Microsoft.Extensions.Options.Options.Create(_fixture.Options);
        var client = new DarajaClient(factory, _fixture.Tokens, new ConfiguredDarajaAddresses(options), options, _fixture.Clock, logger);
        var id = RefundId.New();

        await client.RequestReversalAsync(new ReversalRequest(id, Receipt, 100, "Customer paid twice"), CancellationToken.None);
        await client.RequestReversalStatusAsync(new ReversalStatusRequest(id, "29464-48063588-1"), CancellationToken.None);

        Assert.Equal(2, logger.Entries.Count);
        Assert.All(logger.Entries, entry =>
        {
            Assert.Contains(id.Value.ToString(), entry.Message, StringComparison.Ordinal);
            Assert.Contains("Accepted", entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Secret, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(Receipt, entry.Message, StringComparison.Ordinal);
        });
    }
}
