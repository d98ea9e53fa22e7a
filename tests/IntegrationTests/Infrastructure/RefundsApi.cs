using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Payments;
using Shield.Domain.Refunds;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>What a client app does with refunds, over HTTP.</summary>
public static class RefundsApi
{
    public static Task<HttpResponseMessage> PostRefundAsync(this HttpClient client, Guid paymentId, string reason = "Customer paid twice", long? amount = null,
        string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"api/v1/payments/{paymentId}/refunds", UriKind.Relative))
        {
            Content = JsonContent.Create(amount is null ? (object)new { reason } : new { amount, reason }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<RefundDetails> CreateRefundAsync(this HttpClient client, Guid paymentId, string reason = "Customer paid twice", long? amount = null)
    {
        using var response = await client.PostRefundAsync(paymentId, reason, amount);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"POST refund answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<RefundDetails>(body, ShieldApp.Json)!;
    }

    public static async Task<RefundDetails> GetRefundAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync(new Uri($"api/v1/refunds/{id}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RefundDetails>(ShieldApp.Json))!;
    }

    /// <summary>Polls until the refund leaves Pending (or the condition holds).</summary>
    public static async Task<RefundDetails> WaitForRefundAsync(this HttpClient client, Guid id, Func<RefundDetails, bool>? until = null, int seconds = 20)
    {
        until ??= r => r.Status != RefundStatus.Pending;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var refund = await client.GetRefundAsync(id);
            if (until(refund) || DateTime.UtcNow > deadline)
            {
                return refund;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A payment the simulated customer paid (Completed, with a receipt).</summary>
    public static async Task<Application.Payments.Contracts.PaymentDetails> PaidPaymentAsync(this HttpClient client, string? phone = null, decimal amount = 100)
    {
        var created = await client.CreatePaymentAsync(phone ?? Phones.Next(), amount);
        var paid = await client.WaitForAsync(created.Id);
        Assert.True(paid.Status == PaymentStatus.Completed && paid.MpesaReceiptNumber is not null, $"The payment ended {paid.Status}.");
        return paid;
    }

    public static async Task<string> ProblemCodeAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("code").GetString()!;
    }

    public static Task<HttpResponseMessage> PostReversalResultAsync(this HttpClient client, string body, string kind = "result") =>
        client.PostAsync(new Uri($"api/v1/daraja/reversal/{kind}/{ShieldApp.CallbackSecret}", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, "application/json"));
}
