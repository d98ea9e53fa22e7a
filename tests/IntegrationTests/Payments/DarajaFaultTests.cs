using System.Net;
using Microsoft.AspNetCore.Http;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>
/// Daraja misbehaving on each call (token, push, query): 5xx, HTML, empty bodies, resets, timeouts. The client gets a
/// 503/504 problem (never a 500), the push is never sent twice, and a query fault never fails a payment.
/// </summary>
public sealed class DarajaFaultTests
{
    public static TheoryData<string, HttpStatusCode> TokenFaults => new()
    {
        { "503 empty", HttpStatusCode.ServiceUnavailable },
        { "500 HTML", HttpStatusCode.ServiceUnavailable },
        { "200 HTML", HttpStatusCode.ServiceUnavailable },
        { "reset", HttpStatusCode.ServiceUnavailable },
        { "400 empty (bad credentials)", HttpStatusCode.ServiceUnavailable },
    };

    public static TheoryData<string, HttpStatusCode> PushFaults => new()
    {
        { "503 empty", HttpStatusCode.ServiceUnavailable },
        { "502 HTML", HttpStatusCode.ServiceUnavailable },
        { "200 HTML", HttpStatusCode.ServiceUnavailable },
        { "200 empty", HttpStatusCode.ServiceUnavailable },
        { "reset", HttpStatusCode.ServiceUnavailable },
        { "500 Internal Server Error body", HttpStatusCode.ServiceUnavailable },
        { "hang", HttpStatusCode.GatewayTimeout },
    };

    [Theory]
    [MemberData(nameof(TokenFaults))]
    public async Task TokenFault_AnswersUnavailableAndSendsNoPush(string fault, HttpStatusCode expected)
    {
        await using var daraja = new FakeDaraja { Token = Fault(fault) };
        await using var app = Host(daraja);
        using var client = app.Client();

        using var response = await client.PostPaymentAsync(Phones.Next());

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, daraja.Pushes);
        await AssertUnknownPayment(client, response);
    }

    [Theory]
    [MemberData(nameof(PushFaults))]
    public async Task PushFault_AnswersUnavailableOrTimeoutAndNeverResends(string fault, HttpStatusCode expected)
    {
        await using var daraja = new FakeDaraja();
        daraja.Push = (context, _, _) => Fault(fault)(context);
        await using var app = Host(daraja);
        using var client = app.Client();

        using var response = await client.PostPaymentAsync(Phones.Next());

        Assert.Equal(expected, response.StatusCode);
        await AssertUnknownPayment(client, response);
        await Task.Delay(300);
        Assert.Equal(1, daraja.Pushes);
    }

    [Theory]
    [InlineData("503 empty")]
    [InlineData("500 HTML")]
    [InlineData("reset")]
    [InlineData("hang")]
    [InlineData("500.001.1001 being processed")]
    public async Task QueryFault_KeepsThePaymentPending(string fault)
    {
        await using var daraja = new FakeDaraja { Query = Fault(fault) };
        await using var app = Host(daraja, reconcile: true);
        using var client = app.Client();
        var payment = await client.CreatePaymentAsync(Phones.Next());

        for (var i = 0; i < 100 && daraja.Queries < 2; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(daraja.Queries >= 2, "the reconciler should have queried twice");
        var after = await client.GetPaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Pending, after.Status);
        Assert.Equal(AttemptStatus.AwaitingCustomer, after.Attempts[0].Status);
        Assert.Null(after.Failure);
        Assert.Equal(1, daraja.Pushes);
    }

    private static ShieldApp Host(FakeDaraja daraja, bool reconcile = false) => new(new Dictionary<string, string?>
    {
        ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
        ["Mpesa:RequestTimeout"] = "00:00:01",
        ["Reconciliation:Enabled"] = reconcile ? "true" : "false",
        ["Reconciliation:Interval"] = "00:00:00.200",
        ["Reconciliation:FirstQueryAfter"] = "00:00:00.100",
    });

    private static Func<HttpContext, Task> Fault(string fault) => fault switch
    {
        "503 empty" => c => FakeDaraja.Empty(c, HttpStatusCode.ServiceUnavailable),
        "200 empty" => c => FakeDaraja.Empty(c, HttpStatusCode.OK),
        "400 empty (bad credentials)" => c => FakeDaraja.Empty(c, HttpStatusCode.BadRequest),
        "500 HTML" => c => FakeDaraja.Html(c, HttpStatusCode.InternalServerError),
        "502 HTML" => c => FakeDaraja.Html(c, HttpStatusCode.BadGateway),
        "200 HTML" => c => FakeDaraja.Html(c, HttpStatusCode.OK),
        "reset" => FakeDaraja.Reset,
        "hang" => FakeDaraja.Hang,
        "500 Internal Server Error body" => c => FakeDaraja.Json(c, HttpStatusCode.InternalServerError,
            """{"requestId":"1","errorCode":"500.003.1001","errorMessage":"Internal Server Error"}"""),
        "500.001.1001 being processed" => c => FakeDaraja.Json(c, HttpStatusCode.InternalServerError,
            """{"requestId":"ws_CO_1","errorCode":"500.001.1001","errorMessage":"The transaction is being processed"}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static async Task AssertUnknownPayment(HttpClient client, HttpResponseMessage response)
    {
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("mpesa_", problem.RootElement.GetProperty("code").GetString(), StringComparison.Ordinal);
        var payment = await client.GetPaymentAsync(problem.RootElement.GetProperty("paymentId").GetGuid());
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.Unknown, Assert.Single(payment.Attempts).Status);
    }
}
