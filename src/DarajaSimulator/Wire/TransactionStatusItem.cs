using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>
/// One <c>{"Key":…,"Value":…}</c> of a ResultParameter or ReferenceItem. <c>Value</c> is written as given (string or
/// number) and left out when null, as Daraja does for <c>TransactionReason</c> and <c>CreditPartyCharges</c>.
/// </summary>
internal sealed record TransactionStatusItem(
    [property: JsonPropertyName("Key")] string Key,
    [property: JsonPropertyName("Value"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    JsonElement? Value);
