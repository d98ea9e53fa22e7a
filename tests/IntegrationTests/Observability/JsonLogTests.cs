using System.Text.Json;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Observability;

/// <summary>Logging:Console:FormatterName=json: one JSON object per line, each request's lines carrying its trace id.</summary>
public sealed class JsonLogTests
{
    [OnceFact]
    public async Task ConsoleLogs_AsJson_AreOneObjectPerLineWithTheCallersTraceId_AndMaskPhones()
    {
        await using var shield = await ObservedShield.StartAsync(new Dictionary<string, string?> { ["Logging__Console__FormatterName"] = "json" });
        using var client = shield.Client(ShieldApp.ApiKey);
        var phone = Phones.Next();
        var (traceParent, traceId) = ObservedShield.NewTraceParent();

        await ObservedShield.PayAsync(client, phone, traceParent);

        List<JsonElement> lines = [];
        var found = await ObservedShield.EventuallyAsync(() =>
        {
            lines = [.. shield.OutputLines.Where(l => l.Length > 0 && !shield.ErrorLines.Contains(l)).Select(Parse)];
            return Task.FromResult(lines.Any(l => TraceIdsOf(l).Contains(traceId)));
        }, seconds: 5);

        Assert.True(found, $"No log line carries trace {traceId}. Output:\n{shield.Output}");
        Assert.Contains(lines, l => TraceIdsOf(l).Contains(traceId) && l.GetProperty("Category").GetString()!.StartsWith("Shield.", StringComparison.Ordinal));
        Assert.DoesNotContain(phone, shield.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Phones.Msisdn(phone), shield.Output, StringComparison.Ordinal);
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new Xunit.Sdk.XunitException($"A console line is not one JSON object ({exception.Message}): {line}");
        }
    }

    /// <summary>The TraceId of each of the line's scopes (the host's activity tracking puts it there).</summary>
    private static IEnumerable<string> TraceIdsOf(JsonElement line) =>
        line.TryGetProperty("Scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("TraceId", out _)).Select(s => s.GetProperty("TraceId").GetString() ?? string.Empty)
            : [];
}
