using System.Text;
using System.Text.Json;

namespace Shield.Application.Webhooks.Contracts;

/// <summary>
/// The public envelope of an event (ARCHITECTURE.md §8), exactly as a webhook posts it and the events API and the live
/// stream show it: <c>{ "id", "type", "timestamp", "data" }</c>, <c>data</c> the stored JSON as it is.
/// </summary>
public static class EventEnvelope
{
    public static string Json(Guid id, string type, DateTimeOffset timestamp, string data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", id);
            writer.WriteString("type", type);
            writer.WriteString("timestamp", timestamp.ToUniversalTime());
            writer.WritePropertyName("data");
            writer.WriteRawValue(data);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
