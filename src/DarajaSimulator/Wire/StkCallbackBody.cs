using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>The <c>Body</c> of an STK callback; note the lower-case <c>stkCallback</c> key.</summary>
internal sealed record StkCallbackBody(
    [property: JsonPropertyName("stkCallback")] StkCallback StkCallback);
