using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>The STK callback document: <c>{"Body":{"stkCallback":{…}}}</c> (REFERENCE.md §3.2–3.4).</summary>
internal sealed record StkCallbackEnvelope(
    [property: JsonPropertyName("Body")] StkCallbackBody Body);
