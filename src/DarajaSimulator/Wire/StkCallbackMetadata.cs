using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary><c>CallbackMetadata</c> of a successful STK callback.</summary>
internal sealed record StkCallbackMetadata(
    [property: JsonPropertyName("Item")] IReadOnlyList<StkCallbackItem> Item);
