using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Shield.Client;
using Shield.Client.Models;

namespace Shield.ContractTests;

/// <summary>
/// A client Kiota generated from the document the running host serves (nobody here wrote the generator or the
/// client), used as a client developer would: create a payment, read it back as the generated types, and read every
/// refusal as a typed problem with its stable code. The host is a real process (tests/ContractTests/run.sh starts it:
/// Development, the simulator as Daraja, its own SQLite file) at SHIELD_URL.
/// </summary>
public sealed class GeneratedClientTests
{
    private static readonly Uri BaseUrl = new(Environment.GetEnvironmentVariable("SHIELD_URL")
        ?? throw new InvalidOperationException("SHIELD_URL is not set: run tests/ContractTests/run.sh, which starts the host."));

    private static int _phone = Random.Shared.Next(1000, 9000);

    [Fact]
    public async Task CreatePayment_ThenReadItBack_StatusIsTheGeneratedEnum()
    {
        var client = Client("shield-dev-key");

        var created = await client.Api.V1.Payments.PostAsync(new InitiatePaymentRequest
        {
            PhoneNumber = NextPhone(),
            Amount = 100,
            AccountReference = "INV-1001",
        });

        Assert.NotNull(created);
        Assert.Equal(PaymentStatus.Pending, created.Status);
        Assert.Equal(100, created.Amount);
        Assert.Equal("Payment", created.Description);
        var attempt = Assert.Single(created.Attempts!);
        Assert.Equal(AttemptStatus.AwaitingCustomer, attempt.Status);

        var read = await WaitWhilePendingAsync(client, created.Id!.Value);
        Assert.Equal(PaymentStatus.Completed, read.Status);
        Assert.False(string.IsNullOrEmpty(read.MpesaReceiptNumber));
        var completed = Assert.Single(read.Attempts!);
        Assert.Equal(AttemptStatus.Succeeded, completed.Status);
        Assert.Equal(ResultSource.Callback, completed.ResultSource);
        Assert.Null(read.Failure);

        var page = await client.Api.V1.Payments.GetAsync(r =>
        {
            r.QueryParameters.Status = PaymentStatus.Completed;
            r.QueryParameters.AccountReference = "INV-1001";
        });
        Assert.Contains(page!.Items!, p => p.Id == read.Id);
        Assert.All(page.Items!, p => Assert.Equal(PaymentStatus.Completed, p.Status));
    }

    [Fact]
    public async Task InvalidBody_IsATypedProblemWithItsCodeAndTheFieldsErrors()
    {
        var client = Client("shield-dev-key");

        var problem = await Assert.ThrowsAsync<ProblemResponse>(() => client.Api.V1.Payments.PostAsync(new InitiatePaymentRequest
        {
            PhoneNumber = NextPhone(),
            Amount = 0,
            AccountReference = "INV-1001",
        }));

        Assert.Equal(400, problem.ResponseStatusCode);
        Assert.Equal(400, problem.Status);
        Assert.Equal("validation_failed", problem.Code);
        Assert.False(string.IsNullOrEmpty(problem.TraceId));
        Assert.True(problem.Errors!.AdditionalData.ContainsKey("amount"));
    }

    [Fact]
    public async Task WrongKey_IsATyped401Problem()
    {
        var client = Client("not-a-key-of-any-client");

        var problem = await Assert.ThrowsAsync<ProblemResponse>(() => client.Api.V1.Payments.GetAsync());

        Assert.Equal(401, problem.ResponseStatusCode);
        Assert.Equal("unauthorized", problem.Code);
    }

    [Fact]
    public async Task UnknownPayment_IsATyped404Problem()
    {
        var client = Client("shield-dev-key");
        var id = Guid.CreateVersion7();

        var problem = await Assert.ThrowsAsync<ProblemResponse>(() => client.Api.V1.Payments[id].GetAsync());

        Assert.Equal(404, problem.ResponseStatusCode);
        Assert.Equal("payment_not_found", problem.Code);
    }

    [Fact]
    public async Task RetryOfACompletedPayment_IsATyped409Problem()
    {
        var client = Client("shield-dev-key");
        var created = await client.Api.V1.Payments.PostAsync(new InitiatePaymentRequest
        {
            PhoneNumber = NextPhone(),
            Amount = 50,
            AccountReference = "INV-1002",
            Description = "Contract test",
        });
        await WaitWhilePendingAsync(client, created!.Id!.Value);

        var problem = await Assert.ThrowsAsync<ProblemResponse>(() =>
            client.Api.V1.Payments[created.Id!.Value].Retry.PostAsync(new RetryPaymentRequest()));

        Assert.Equal(409, problem.ResponseStatusCode);
        Assert.Equal("payment_not_retriable", problem.Code);
    }

    /// <summary>
    /// The generated client with Kiota's own HTTP pipeline, the key in X-Api-Key as the document's scheme says. Kiota's
    /// ApiKeyAuthenticationProvider sends keys over https only, and this host is on loopback http, so the key is a
    /// default header of Kiota's HttpClient instead (README, "Generating a client").
    /// </summary>
    private static ShieldClient Client(string apiKey)
    {
        var http = KiotaClientFactory.Create();
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new ShieldClient(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http)
        {
            BaseUrl = BaseUrl.ToString().TrimEnd('/'),
        });
    }

    /// <summary>A number the simulator pays (it ends in 4149), unique in this run: one prompt per phone at a time.</summary>
    private static string NextPhone() => $"07{Interlocked.Increment(ref _phone) % 10000:D4}4149";

    private static async Task<PaymentDetails> WaitWhilePendingAsync(ShieldClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var payment = await client.Api.V1.Payments[id].GetAsync(cancellationToken: timeout.Token);
            if (payment!.Status != PaymentStatus.Pending)
            {
                return payment;
            }

            await Task.Delay(250, timeout.Token);
        }
    }
}
