using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>The document posted to ResultURL or QueueTimeOutURL: <c>{"Result":{…}}</c> (REFERENCE.md §5.3).</summary>
internal sealed record TransactionStatusResultEnvelope(
    [property: JsonPropertyName("Result")] TransactionStatusResult Result);
