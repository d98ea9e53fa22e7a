using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>What a client app and Safaricom do, over HTTP.</summary>
public static class PaymentsApi
{
    public static Task<HttpResponseMessage> PostPaymentAsync(this HttpClient client, string phoneNumber, decimal amount = 100,
        string accountReference = "INV-1001", string? description = "Shield order") =>
        client.PostAsJsonAsync("api/v1/payments", new { phoneNumber, amount, accountReference, description });

    public static async Task<PaymentDetails> CreatePaymentAsync(this HttpClient client, string phoneNumber, decimal amount = 100)
    {
        using var response = await client.PostPaymentAsync(phoneNumber, amount);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"POST answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<PaymentDetails>(body, ShieldApp.Json)!;
    }

    public static async Task<PaymentDetails> GetPaymentAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync(new Uri($"api/v1/payments/{id}", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<PaymentDetails>(ShieldApp.Json))!;
    }

    /// <summary>Polls until the payment leaves Pending (or the condition holds), as a client app would.</summary>
    public static async Task<PaymentDetails> WaitForAsync(this HttpClient client, Guid id, Func<PaymentDetails, bool>? until = null, int seconds = 20)
    {
        until ??= p => p.Status != PaymentStatus.Pending;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var payment = await client.GetPaymentAsync(id);
            if (until(payment) || DateTime.UtcNow > deadline)
            {
                return payment;
            }

            await Task.Delay(100);
        }
    }

    public static Task<HttpResponseMessage> PostCallbackAsync(this HttpClient client, string body, string secret = ShieldApp.CallbackSecret) =>
        client.PostAsync(new Uri($"api/v1/daraja/stk-callback/{secret}", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
}
