using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Shield.LoadHarness;

/// <summary>The client app's side of Shield's webhook API, for one API client: register an endpoint, list its events.</summary>
internal sealed class ShieldApi : IDisposable
{
    private const int PageSize = 100;
    private readonly HttpClient _http;

    public ShieldApi(Uri baseUrl, HarnessClient client)
    {
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", client.ApiKey);
    }

    /// <summary>Registers <paramref name="inbox"/> (all event types when <paramref name="eventTypes"/> is empty) and gives it the secret.</summary>
    public async Task<Guid> RegisterAsync(WebhookInbox inbox, params string[] eventTypes)
    {
        object body = eventTypes.Length == 0
            ? new { url = inbox.Url.ToString(), description = $"load harness: {inbox.Name}" }
            : new { url = inbox.Url.ToString(), eventTypes, description = $"load harness: {inbox.Name}" };
        using var response = await _http.PostAsJsonAsync("/api/v1/webhook-endpoints", body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registering the {inbox.Name} endpoint: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
        }

        using var document = JsonDocument.Parse(text);
        inbox.Secret = document.RootElement.GetProperty("secret").GetString();
        return document.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>Every event of this client, as the events API lists them (page by page).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Type, Guid PaymentId)>> ListEventsAsync()
    {
        var events = new List<(Guid, string, Guid)>();
        for (var page = 1; ; page++)
        {
            using var response = await _http.GetAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/events?page={page}&pageSize={PageSize}"));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Listing events: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
            }

            using var document = JsonDocument.Parse(text);
            var items = document.RootElement.GetProperty("items");
            foreach (var item in items.EnumerateArray())
            {
                events.Add((item.GetProperty("id").GetGuid(), item.GetProperty("type").GetString() ?? "", item.GetProperty("paymentId").GetGuid()));
            }

            if (items.GetArrayLength() < PageSize || events.Count >= document.RootElement.GetProperty("totalCount").GetInt32())
            {
                return events;
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
