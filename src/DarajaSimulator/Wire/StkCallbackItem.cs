using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>One <c>{"Name":…,"Value":…}</c> item. <c>Value</c> is written as given (number or string) and left out when null, as for <c>Balance</c>.</summary>
internal sealed record StkCallbackItem(
    [property: JsonPropertyName("Name")] string Name,
    [property: JsonPropertyName("Value"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    JsonElement? Value);
