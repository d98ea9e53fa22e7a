using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>Daraja unreachable or hanging: the client learns it (503/504) and the push is never sent twice.</summary>
public sealed class DarajaOutageTests
{
    [Fact]
    public async Task PostPayment_WhenDarajaIsUnreachable_AnswersServiceUnavailableAndAttemptIsUnknown()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?> { ["Mpesa:BaseUrl"] = $"http://127.0.0.1:{ClosedPort()}" });
        using var client = app.Client();

        using var response = await client.PostPaymentAsync(Phones.Next());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var paymentId = await AssertProblem(response, "mpesa_unavailable");
        var payment = await client.GetPaymentAsync(paymentId);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.Unknown, Assert.Single(payment.Attempts).Status);
    }

    [Fact]
    public async Task PostPayment_WhenDarajaHangs_AnswersGatewayTimeoutAndAttemptIsUnknown()
    {
        await using var daraja = new FakeDaraja { Token = FakeDaraja.Hang };
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:BaseUrl"] = daraja.Url.ToString(),
            ["Mpesa:RequestTimeout"] = "00:00:01",
        });
        using var client = app.Client();

        using var response = await client.PostPaymentAsync(Phones.Next());

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var paymentId = await AssertProblem(response, "mpesa_timeout");
        var payment = await client.GetPaymentAsync(paymentId);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(AttemptStatus.Unknown, Assert.Single(payment.Attempts).Status);
    }

    private static async Task<Guid> AssertProblem(HttpResponseMessage response, string code)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        return problem.RootElement.GetProperty("paymentId").GetGuid();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
