using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Payments;

/// <summary>Finance finds payments: filters, paging, newest first, only the client's own.</summary>
public sealed class ListPaymentsTests(ListPaymentsTests.Seeded seeded) : IClassFixture<ListPaymentsTests.Seeded>
{
    public const string OtherKey = "other-client-key";

    /// <summary>One host with eight payments, oldest first: two phones, two references; the 1032 ones cancelled by callback.</summary>
    public sealed class Seeded : IAsyncLifetime
    {
        public ShieldApp App { get; } = new(new Dictionary<string, string?>
        {
            ["Simulator:CallbackDelay"] = "01:00:00",
            ["ApiClients:1:Id"] = "other",
            ["ApiClients:1:KeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OtherKey))),
        });

        public List<Guid> Created { get; } = [];

        public async Task InitializeAsync()
        {
            using var client = App.Client();
            using var safaricom = App.Anonymous();
            // A phone has one push in flight at a time, so each payment is settled before the next: phone A's
            // payments complete (but the last, left Pending), phone B's are cancelled.
            var seeds = new[]
            {
                ("0708374149", "SHOP-A"), ("0712341032", "SHOP-A"), ("0708374149", "SHOP-B"), ("0712341032", "SHOP-B"),
                ("0708374149", "SHOP-A"), ("0712341032", "SHOP-A"), ("0708374149", "SHOP-B"), ("0708374149", "SHOP-A"),
            };
            for (var i = 0; i < seeds.Length; i++)
            {
                var (phone, reference) = seeds[i];
                using var response = await client.PostAsJsonAsync("api/v1/payments", new { phoneNumber = phone, amount = 10, accountReference = reference });
                var payment = (await response.Content.ReadFromJsonAsync<Application.Payments.Contracts.PaymentDetails>(ShieldApp.Json))!;
                Created.Add(payment.Id);
                var checkout = payment.Attempts[0].CheckoutRequestId!;
                if (phone.EndsWith("1032", StringComparison.Ordinal))
                {
                    (await safaricom.PostCallbackAsync(StkCallbacks.Failure(checkout, 1032, "Request cancelled by user"))).Dispose();
                }
                else if (i < seeds.Length - 1)
                {
                    (await safaricom.PostCallbackAsync(StkCallbacks.Success(checkout, 10, $"LIST{i:D6}"))).Dispose();
                }
            }
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    private readonly ShieldApp _app = seeded.App;
    private readonly HttpClient _client = seeded.App.Client();
    private readonly List<Guid> _created = seeded.Created;

    [Fact]
    public async Task List_WithoutFilters_ReturnsAllNewestFirstWithTotal()
    {
        var page = await List("");

        Assert.Equal(8, page.TotalCount);
        Assert.Equal(Enumerable.Reverse(_created), page.Items.Select(p => p.Id));
        Assert.Equal(1, page.Page);
        Assert.Equal(20, page.PageSize);
    }

    [Fact]
    public async Task List_Paged_ReturnsTheRightSliceAndTotal()
    {
        var second = await List("?page=2&pageSize=3");

        Assert.Equal(8, second.TotalCount);
        Assert.Equal(Enumerable.Reverse(_created).Skip(3).Take(3), second.Items.Select(p => p.Id));
        var last = await List("?page=3&pageSize=3");
        Assert.Equal(2, last.Items.Count);
        Assert.Empty((await List("?page=4&pageSize=3")).Items);
    }

    [Theory]
    [InlineData("?status=Cancelled", 3)]
    [InlineData("?status=Completed", 4)]
    [InlineData("?status=pending", 1)]
    [InlineData("?phoneNumber=0712341032", 3)]
    [InlineData("?phoneNumber=%2B254708374149", 5)]
    [InlineData("?phoneNumber=708%20374%20149", 5)]
    [InlineData("?accountReference=SHOP-B", 3)]
    [InlineData("?accountReference=SHOP-A&status=Completed&phoneNumber=254708374149", 2)]
    public async Task List_Filtered_ReturnsOnlyMatches(string queryString, int expected)
    {
        var page = await List(queryString);

        Assert.Equal(expected, page.TotalCount);
        Assert.Equal(expected, page.Items.Count);
    }

    [Fact]
    public async Task List_ByCreationDates_IncludesTheBounds()
    {
        var all = (await List("")).Items;
        var oldest = all[^1].CreatedAt;
        var third = all[^3].CreatedAt;

        var page = await List($"?createdFrom={Uri.EscapeDataString(oldest.ToString("O"))}&createdTo={Uri.EscapeDataString(third.ToString("O"))}");

        Assert.Equal(_created.Take(3), page.Items.Select(p => p.Id).Reverse());
        var inNairobi = await List($"?createdFrom={Uri.EscapeDataString(third.ToOffset(TimeSpan.FromHours(3)).ToString("O"))}");
        Assert.Equal(6, inNairobi.TotalCount);
    }

    [Fact]
    public async Task List_ForAnotherClient_ShowsNoneOfThemAndCannotTouchThem()
    {
        using var other = _app.Anonymous();
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);

        var page = (await other.GetFromJsonAsync<PaymentPage>("api/v1/payments", ShieldApp.Json))!;

        Assert.Equal(0, page.TotalCount);
        using var get = await other.GetAsync(new Uri($"api/v1/payments/{_created[0]}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        var cancelled = _created[1]; // phone B's first payment
        using var retry = await other.PostAsync(new Uri($"api/v1/payments/{cancelled}/retry", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, retry.StatusCode);
        using var verify = await other.PostAsync(new Uri($"api/v1/payments/{cancelled}/verify", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, verify.StatusCode);
        Assert.Equal(PaymentStatus.Cancelled, (await _client.GetPaymentAsync(cancelled)).Status);
    }

    [Theory]
    [InlineData("?pageSize=101", "pageSize")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?page=0", "page")]
    [InlineData("?page=2147483647", "page")]
    [InlineData("?page=21474838&pageSize=100", "page")]
    [InlineData("?phoneNumber=12345", "phoneNumber")]
    [InlineData("?status=Paid", "status")]
    public async Task List_WithBadQuery_AnswersProblemNamingTheField(string queryString, string field)
    {
        using var response = await _client.GetAsync(new Uri($"api/v1/payments{queryString}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task List_LastPageWhoseOffsetFits_AnswersAnEmptyPageWithTheTotal()
    {
        var page = await List("?page=21474837&pageSize=100");

        Assert.Empty(page.Items);
        Assert.Equal(21_474_837, page.Page);
        Assert.Equal(8, page.TotalCount);
    }

    private async Task<PaymentPage> List(string queryString) =>
        (await _client.GetFromJsonAsync<PaymentPage>($"api/v1/payments{queryString}", ShieldApp.Json))!;
}
