using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shield.DarajaSimulator.Wire;

/// <summary>
/// <c>ReferenceData</c>. <c>ReferenceItem</c> is one item (an object) or a list of items (an array): both occur live
/// (REFERENCE.md §5.3), so it is written as given.
/// </summary>
internal sealed record TransactionStatusReferenceData(
    [property: JsonPropertyName("ReferenceItem")] JsonElement ReferenceItem);
