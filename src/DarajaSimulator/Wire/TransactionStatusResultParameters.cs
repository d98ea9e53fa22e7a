using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary><c>ResultParameters</c> of a successful Transaction Status result: always an array of items.</summary>
internal sealed record TransactionStatusResultParameters(
    [property: JsonPropertyName("ResultParameter")] IReadOnlyList<TransactionStatusItem> ResultParameter);
