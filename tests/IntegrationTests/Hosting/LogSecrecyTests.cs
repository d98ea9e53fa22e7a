using Microsoft.Extensions.DependencyInjection;
using Shield.Domain.Payments;
using Shield.Infrastructure.Mpesa;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Hosting;

/// <summary>Secrets and full phone numbers never reach the logs, at any level, through a whole flow.</summary>
public sealed class LogSecrecyTests
{
    private const string ConsumerSecret = "consumer-secret-zq81x";
    private const string Passkey = "passkey-for-log-test-77a1c9";

    [Fact]
    public async Task FullFlow_LogsNoSecretAndNoFullPhoneNumber()
    {
        await using var app = new ShieldApp(new Dictionary<string, string?>
        {
            ["Mpesa:ConsumerSecret"] = ConsumerSecret,
            ["Mpesa:Passkey"] = Passkey,
        });
        using var client = app.Client();

        string[] phones = [Phones.Next(), Phones.Next("1032"), Phones.Next("0500")];
        var paid = await client.CreatePaymentAsync(phones[0]);
        var cancelled = await client.CreatePaymentAsync(phones[1]);
        (await client.PostPaymentAsync(phones[2])).Dispose();
        (await app.Anonymous().PostCallbackAsync("{not json")).Dispose();
        Assert.Equal(PaymentStatus.Completed, (await client.WaitForAsync(paid.Id)).Status);
        (await client.PostAsync(new Uri($"api/v1/payments/{paid.Id}/verify", UriKind.Relative), null)).Dispose();
        await client.WaitForAsync(paid.Id, p => p.Verification is { Status: not VerificationStatus.Requested });
        Assert.Equal(PaymentStatus.Cancelled, (await client.WaitForAsync(cancelled.Id)).Status);

        var tokens = app.Services.GetRequiredService<DarajaTokenProvider>();
        var token = await tokens.GetTokenAsync(CancellationToken.None);
        var passwords = app.Journal.Requests
            .Where(r => r.Body is not null && r.Body.Contains("\"Password\"", StringComparison.Ordinal))
            .Select(r => System.Text.Json.JsonDocument.Parse(r.Body!).RootElement.GetProperty("Password").GetString()!)
            .ToList();
        Assert.NotEmpty(passwords);
        var credentials = app.Journal.Requests
            .Where(r => r.Body is not null && r.Body.Contains("\"SecurityCredential\"", StringComparison.Ordinal))
            .Select(r => System.Text.Json.JsonDocument.Parse(r.Body!).RootElement.GetProperty("SecurityCredential").GetString()!)
            .ToList();
        Assert.NotEmpty(credentials);
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"shield-dev-consumer-key:{ConsumerSecret}"));
        string[] secrets = [ConsumerSecret, Passkey, "Safaricom999!*!", .. credentials, ShieldApp.ApiKey, ShieldApp.CallbackSecret, token, basic, .. passwords,
            .. phones, .. phones.Select(Phones.Msisdn)];

        var lines = app.Logs.Lines;
        Assert.True(lines.Count > 20, "the flow should have logged");
        foreach (var secret in secrets)
        {
            var leak = lines.FirstOrDefault(line => line.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A log line carries the test value {secret}: {leak}");
        }

        Assert.Contains(lines, line => line.Contains($"2547******{phones[0][^2..]}", StringComparison.Ordinal));
    }
}
