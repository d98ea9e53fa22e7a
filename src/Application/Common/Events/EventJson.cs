using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.Application.Common.Events;

/// <summary>How an event's data is written: as the API writes the resource (camelCase, enums as their names).</summary>
public static class EventJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.Strict,
    };
}
