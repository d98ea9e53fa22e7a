using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Shield.DarajaSimulator;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Simulator;

/// <summary>
/// The simulator on Kestrel over loopback with a short CallbackDelay, and a receiver for what it posts, mapped on the
/// same host under <c>/receiver</c>: each post is kept by its path.
/// </summary>
public sealed class ReversalSimulatorHost : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, JsonElement> _posts = new(StringComparer.Ordinal);
    private WebApplication _app = null!;

    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public DarajaSimulatorJournal Journal => _app.Services.GetRequiredService<DarajaSimulatorJournal>();

    public string CertificatePem => _app.Services.GetRequiredService<DarajaSimulatorCertificate>().ExportCertificatePem();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDarajaSimulator(o =>
        {
            o.CallbackDelay = TimeSpan.FromMilliseconds(50);
            o.ConsumerKey = SimulatorHost.ConsumerKey;
            o.ConsumerSecret = SimulatorHost.ConsumerSecret;
        });
        _app = builder.Build();
        _app.MapDarajaSimulator("/daraja");
        _app.MapPost("/receiver/{**path}", async (HttpContext context) =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            _posts[context.Request.Path.Value!] = body.RootElement.Clone();
            return Results.Json(new { ResultCode = 0, ResultDesc = "Accepted" });
        });
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/daraja/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The body posted to <paramref name="path"/> (under /receiver), waiting up to 10 s for it.</summary>
    public async Task<JsonElement> PostedAsync(string path)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_posts.TryGetValue("/receiver" + path, out var body))
            {
                return body;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Nothing was posted to {path}.");
    }

    /// <summary>Whether anything was posted to <paramref name="path"/> (under /receiver), after waiting <paramref name="wait"/>.</summary>
    public async Task<bool> WasPostedAsync(string path, TimeSpan wait)
    {
        await Task.Delay(wait);
        return _posts.ContainsKey("/receiver" + path);
    }

    public string Url(string path) => BaseUrl + "/receiver" + path;

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// The simulator's Reversal API (REFERENCE.md §11) and Transaction Status by OriginalConversationID (§11.6): what it
/// answers synchronously and the result bodies it posts, per scenario of the README's table.
/// </summary>
public sealed class ReversalTests(ReversalSimulatorHost host) : IClassFixture<ReversalSimulatorHost>
{
    private const string Reversal = "/mpesa/reversal/v1/request";
    private const string TransactionStatus = "/mpesa/transactionstatus/v1/query";
    private const string StkPush = "/mpesa/stkpush/v1/processrequest";

    private readonly string _case = Guid.NewGuid().ToString("N");

    /// <summary>Pays <paramref name="amount"/> KES from <paramref name="phone"/> through the simulator and returns the receipt from its callback.</summary>
    private async Task<string> PaidReceiptAsync(string phone = "254708374149", int amount = 100)
    {
        var push = SimulatorHost.StkPush(phone: phone);
        push["Amount"] = amount;
        push["CallBackURL"] = host.Url($"/{_case}/stk");
        var (status, _) = await SimulatorHost.PostAsync(host.Client, SimulatorHost.ConsumerKey, SimulatorHost.ConsumerSecret, StkPush, push);
        Assert.Equal(200, status);
        var callback = await host.PostedAsync($"/{_case}/stk");
        return callback.GetProperty("Body").GetProperty("stkCallback").GetProperty("CallbackMetadata").GetProperty("Item")
            .EnumerateArray().Single(i => i.GetProperty("Name").GetString() == "MpesaReceiptNumber").GetProperty("Value").GetString()!;
    }

    /// <summary>A reversal body as REFERENCE.md §11.1 builds it; results go to /{case}/{tag}/result and /{case}/{tag}/timeout.</summary>
    private Dictionary<string, object?> ReversalBody(string receipt, int amount = 100, string tag = "r", string? password = null) => new()
    {
        ["Initiator"] = "testapi",
        ["SecurityCredential"] = SimulatorHost.SecurityCredential(host.CertificatePem, password ?? SimulatorHost.InitiatorPassword),
        ["CommandID"] = "TransactionReversal",
        ["TransactionID"] = receipt,
        ["Amount"] = amount,
        ["ReceiverParty"] = SimulatorHost.ShortCode,
        ["RecieverIdentifierType"] = "11",
        ["ResultURL"] = host.Url($"/{_case}/{tag}/result"),
        ["QueueTimeOutURL"] = host.Url($"/{_case}/{tag}/timeout"),
        ["Remarks"] = "Customer paid twice",
    };

    private Dictionary<string, object?> StatusBody(string originatorConversationId, string tag = "ts") => new()
    {
        ["Initiator"] = "testapi",
        ["SecurityCredential"] = SimulatorHost.SecurityCredential(host.CertificatePem),
        ["CommandID"] = "TransactionStatusQuery",
        ["OriginalConversationID"] = originatorConversationId,
        ["PartyA"] = SimulatorHost.ShortCode,
        ["IdentifierType"] = "4",
        ["ResultURL"] = host.Url($"/{_case}/{tag}/result"),
        ["QueueTimeOutURL"] = host.Url($"/{_case}/{tag}/timeout"),
        ["Remarks"] = "Shield refund verification",
        ["Occasion"] = "refund-1",
    };

    private Task<(int Status, JsonElement Body)> PostAsync(string path, object body) =>
        SimulatorHost.PostAsync(host.Client, SimulatorHost.ConsumerKey, SimulatorHost.ConsumerSecret, path, body);

    /// <summary>Posts the reversal, checks the acknowledgement, returns its OriginatorConversationID and the result posted to ResultURL.</summary>
    private async Task<(string OriginatorConversationId, JsonElement Result)> ReverseAsync(Dictionary<string, object?> body, string tag = "r")
    {
        var (status, ack) = await PostAsync(Reversal, body);
        Assert.Equal(200, status);
        Assert.Equal("0", ack.GetProperty("ResponseCode").GetString());
        var originator = ack.GetProperty("OriginatorConversationID").GetString()!;
        var result = (await host.PostedAsync($"/{_case}/{tag}/result")).GetProperty("Result");
        Assert.Equal(originator, result.GetProperty("OriginatorConversationID").GetString());
        Assert.Equal(ack.GetProperty("ConversationID").GetString(), result.GetProperty("ConversationID").GetString());
        return (originator, result);
    }

    private static Dictionary<string, JsonElement> Parameters(JsonElement result) =>
        result.GetProperty("ResultParameters").GetProperty("ResultParameter").EnumerateArray()
            .ToDictionary(i => i.GetProperty("Key").GetString()!, i => i.TryGetProperty("Value", out var v) ? v : default);

    [Fact]
    public async Task Reversal_Acknowledgement_HasNewIdsInDarajasShapes()
    {
        var (status, ack) = await PostAsync(Reversal, ReversalBody(await PaidReceiptAsync()));

        Assert.Equal(200, status);
        Assert.Equal("0", ack.GetProperty("ResponseCode").GetString());
        Assert.Equal("Accept the service request successfully.", ack.GetProperty("ResponseDescription").GetString());
        Assert.Matches("^AG_[0-9]{8}_[0-9a-f]{20}$", ack.GetProperty("ConversationID").GetString());
        Assert.False(string.IsNullOrEmpty(ack.GetProperty("OriginatorConversationID").GetString()));
    }

    [Fact]
    public async Task Reversal_ReceiptItIssued_PostsTheOfficialSuccessShape()
    {
        var receipt = await PaidReceiptAsync(amount: 100);

        var (_, result) = await ReverseAsync(ReversalBody(receipt, amount: 100));

        Assert.Equal(JsonValueKind.Number, result.GetProperty("ResultCode").ValueKind);
        Assert.Equal(0, result.GetProperty("ResultCode").GetInt32());
        Assert.Equal(0, result.GetProperty("ResultType").GetInt32());
        var reversalReceipt = result.GetProperty("TransactionID").GetString();
        Assert.Matches("^[A-Z0-9]{10}$", reversalReceipt);
        Assert.NotEqual(receipt, reversalReceipt);
        var parameters = Parameters(result);
        Assert.Equal(
            ["Amount", "Charge", "CreditPartyPublicName", "DebitAccountBalance", "DebitPartyPublicName", "OriginalTransactionID", "TransCompletedTime"],
            parameters.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(receipt, parameters["OriginalTransactionID"].GetString());
        Assert.Equal(JsonValueKind.Number, parameters["Amount"].ValueKind);
        Assert.Equal(100m, parameters["Amount"].GetDecimal());
        Assert.Equal(JsonValueKind.Number, parameters["TransCompletedTime"].ValueKind);
        var completed = DateTime.ParseExact(parameters["TransCompletedTime"].GetRawText(), "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(new DateTimeOffset(completed, TimeSpan.FromHours(3)), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal("QueueTimeoutURL", result.GetProperty("ReferenceData").GetProperty("ReferenceItem").GetProperty("Key").GetString());
        Assert.Contains(host.Journal.ReversalResults, b => b.Contains(result.GetProperty("ConversationID").GetString()!, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Journal.TransactionStatusResults, b => b.Contains(result.GetProperty("ConversationID").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reversal_PartialAmount_Succeeds()
    {
        var receipt = await PaidReceiptAsync(amount: 100);

        var (_, result) = await ReverseAsync(ReversalBody(receipt, amount: 40));

        Assert.Equal(0, result.GetProperty("ResultCode").GetInt32());
        Assert.Equal(40m, Parameters(result)["Amount"].GetDecimal());
    }

    [Fact]
    public async Task Reversal_AlreadyReversed_IsR000001AsAStringWithoutParameters()
    {
        var receipt = await PaidReceiptAsync();
        await ReverseAsync(ReversalBody(receipt, tag: "first"), tag: "first");

        var (_, result) = await ReverseAsync(ReversalBody(receipt, tag: "second"), tag: "second");

        Assert.Equal(JsonValueKind.String, result.GetProperty("ResultCode").ValueKind);
        Assert.Equal("R000001", result.GetProperty("ResultCode").GetString());
        Assert.Equal("The transaction has already been reversed", result.GetProperty("ResultDesc").GetString());
        Assert.False(result.TryGetProperty("ResultParameters", out _));
    }

    [Fact]
    public async Task Reversal_ReceiptItNeverIssued_IsTheOfficialR000002Failure()
    {
        var (_, result) = await ReverseAsync(ReversalBody("OEI2AK4Q16"));

        Assert.Equal("R000002", result.GetProperty("ResultCode").GetString());
        Assert.Equal("The OriginalTransactionID is invalid.", result.GetProperty("ResultDesc").GetString());
        Assert.Matches("^[A-Z0-9]{3}0000000$", result.GetProperty("TransactionID").GetString());
        Assert.False(result.TryGetProperty("ResultParameters", out _));
    }

    [Fact]
    public async Task Reversal_WrongInitiatorPassword_Is2001AndLeavesTheReceiptReversible()
    {
        var receipt = await PaidReceiptAsync();

        var (_, refused) = await ReverseAsync(ReversalBody(receipt, tag: "bad", password: "wrong-password"), tag: "bad");
        var (_, retried) = await ReverseAsync(ReversalBody(receipt, tag: "good"), tag: "good");

        Assert.Equal(2001, refused.GetProperty("ResultCode").GetInt32());
        Assert.Equal("The initiator information is invalid.", refused.GetProperty("ResultDesc").GetString());
        Assert.Equal(0, retried.GetProperty("ResultCode").GetInt32());
    }

    [Fact]
    public async Task Reversal_MoreThanThePayment_IsTheInventedInternalFailure()
    {
        var receipt = await PaidReceiptAsync(amount: 100);

        var (_, result) = await ReverseAsync(ReversalBody(receipt, amount: 101));

        Assert.Equal(17, result.GetProperty("ResultCode").GetInt32());
        Assert.Equal("Internal Failure", result.GetProperty("ResultDesc").GetString());
    }

    [Fact]
    public async Task Reversal_PhoneEnding0408_IsCarriedOutButPostsAQueueTimeoutInstead()
    {
        var receipt = await PaidReceiptAsync(phone: "254708370408");

        var (status, ack) = await PostAsync(Reversal, ReversalBody(receipt));
        var timeout = (await host.PostedAsync($"/{_case}/r/timeout")).GetProperty("Result");

        Assert.Equal(200, status);
        Assert.Equal(1, timeout.GetProperty("ResultType").GetInt32());
        Assert.Equal(ack.GetProperty("OriginatorConversationID").GetString(), timeout.GetProperty("OriginatorConversationID").GetString());
        Assert.Equal(ack.GetProperty("ConversationID").GetString(), timeout.GetProperty("ConversationID").GetString());
        Assert.False(await host.WasPostedAsync($"/{_case}/r/result", TimeSpan.FromMilliseconds(300)));
        var (_, again) = await ReverseAsync(ReversalBody(receipt, tag: "again"), tag: "again");
        Assert.Equal("R000001", again.GetProperty("ResultCode").GetString());
    }

    [Fact]
    public async Task TransactionStatus_ByOriginalConversationIdOfATimedOutReversal_ShowsItCompleted()
    {
        var receipt = await PaidReceiptAsync(phone: "254708370408", amount: 100);
        var (_, ack) = await PostAsync(Reversal, ReversalBody(receipt, amount: 60));
        await host.PostedAsync($"/{_case}/r/timeout");

        var (status, statusAck) = await PostAsync(TransactionStatus, StatusBody(ack.GetProperty("OriginatorConversationID").GetString()!));
        var result = (await host.PostedAsync($"/{_case}/ts/result")).GetProperty("Result");

        Assert.Equal(200, status);
        Assert.Equal("0", statusAck.GetProperty("ResponseCode").GetString());
        Assert.Equal(0, result.GetProperty("ResultCode").GetInt32());
        var parameters = Parameters(result);
        Assert.Equal("Completed", parameters["TransactionStatus"].GetString());
        Assert.Equal(60, parameters["Amount"].GetInt32());
        Assert.Matches("^[A-Z0-9]{10}$", parameters["ReceiptNo"].GetString());
        Assert.NotEqual(receipt, parameters["ReceiptNo"].GetString());
        Assert.True(parameters.ContainsKey("FinalisedTime"));
    }

    [Fact]
    public async Task TransactionStatus_ByOriginalConversationIdOfASuccess_NamesTheReversalReceipt()
    {
        var (originator, reversal) = await ReverseAsync(ReversalBody(await PaidReceiptAsync()));

        await PostAsync(TransactionStatus, StatusBody(originator));
        var result = (await host.PostedAsync($"/{_case}/ts/result")).GetProperty("Result");

        Assert.Equal(reversal.GetProperty("TransactionID").GetString(), Parameters(result)["ReceiptNo"].GetString());
    }

    [Fact]
    public async Task TransactionStatus_ByOriginalConversationIdOfARefusedReversal_Is2032()
    {
        var (originator, _) = await ReverseAsync(ReversalBody("OEI2AK4Q16"));

        await PostAsync(TransactionStatus, StatusBody(originator));
        var result = (await host.PostedAsync($"/{_case}/ts/result")).GetProperty("Result");

        Assert.Equal(2032, result.GetProperty("ResultCode").GetInt32());
        Assert.Equal("The transaction receipt number does not exist.", result.GetProperty("ResultDesc").GetString());
        Assert.False(result.TryGetProperty("ResultParameters", out _));
        Assert.Equal("Occasion", result.GetProperty("ReferenceData").GetProperty("ReferenceItem").GetProperty("Key").GetString());
    }

    [Fact]
    public async Task TransactionStatus_ByUnknownOriginalConversationId_Is2032()
    {
        await PostAsync(TransactionStatus, StatusBody("7071-4170-a0e5-8345632bad442144258"));
        var result = (await host.PostedAsync($"/{_case}/ts/result")).GetProperty("Result");

        Assert.Equal(2032, result.GetProperty("ResultCode").GetInt32());
    }

    [Fact]
    public async Task TransactionStatus_WithNeitherTransactionIdNorOriginalConversationId_IsRefused()
    {
        var body = StatusBody("x");
        body.Remove("OriginalConversationID");

        var (status, error) = await PostAsync(TransactionStatus, body);

        Assert.Equal(400, status);
        Assert.Equal("Bad Request - Invalid TransactionID", error.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Reversal_WithTheCorrectedSpelling_IsRefusedAsProductionDoes()
    {
        var body = ReversalBody(await PaidReceiptAsync());
        body.Remove("RecieverIdentifierType");
        body["ReceiverIdentifierType"] = "11";

        var (status, error) = await PostAsync(Reversal, body);

        Assert.Equal(400, status);
        Assert.Equal("400.002.02", error.GetProperty("errorCode").GetString());
        Assert.Equal("Bad Request - Invalid RecieverIdentifierType", error.GetProperty("errorMessage").GetString());
        Assert.False(await host.WasPostedAsync($"/{_case}/r/result", TimeSpan.FromMilliseconds(300)));
    }

    [Theory]
    [InlineData("TransactionID", null, "TransactionID")]
    [InlineData("TransactionID", "", "TransactionID")]
    [InlineData("Remarks", "x", "Remarks")]
    [InlineData("Remarks", "101", "Remarks")]
    [InlineData("Remarks", null, "Remarks")]
    [InlineData("CommandID", "TransactionStatusQuery", "CommandID")]
    [InlineData("Amount", "1.50", "Amount")]
    [InlineData("RecieverIdentifierType", "2", "RecieverIdentifierType")]
    public async Task Reversal_InvalidField_Is400002_02NamingIt(string field, string? value, string named)
    {
        var body = ReversalBody("OEI2AK4Q16");
        if (value is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = value == "101" ? new string('r', 101) : value;
        }

        var (status, error) = await PostAsync(Reversal, body);

        Assert.Equal(400, status);
        Assert.Equal("400.002.02", error.GetProperty("errorCode").GetString());
        Assert.Equal("Bad Request - Invalid " + named, error.GetProperty("errorMessage").GetString());
    }

    [Fact]
    public async Task Reversal_WithoutBearerToken_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Reversal.TrimStart('/'), UriKind.Relative))
        {
            Content = System.Net.Http.Json.JsonContent.Create(ReversalBody("OEI2AK4Q16")),
        };

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Contains("404.001.04", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
