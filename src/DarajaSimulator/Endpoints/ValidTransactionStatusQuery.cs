namespace Shield.DarajaSimulator.Endpoints;

/// <summary>The parts of a valid Transaction Status request the simulator keeps.</summary>
/// <param name="Initiator">The API operator's name, checked against the options asynchronously (as Daraja does).</param>
/// <param name="SecurityCredential">base64 RSA ciphertext of the initiator password. Secret: never log it.</param>
/// <param name="TransactionId">The receipt number asked about; null when asked by <paramref name="OriginalConversationId"/>.</param>
/// <param name="OriginalConversationId">The OriginatorConversationID asked about (a reversal's, REFERENCE.md §11.6), when there is no TransactionID.</param>
/// <param name="ResultUrl">Where the result goes. Secret: never log it.</param>
/// <param name="QueueTimeOutUrl">Where a queue timeout goes. Secret: never log it.</param>
/// <param name="Occasion">The client's Occasion, echoed in ReferenceData; null when absent.</param>
internal sealed record ValidTransactionStatusQuery(
    string Initiator,
    string SecurityCredential,
    string? TransactionId,
    string? OriginalConversationId,
    Uri ResultUrl,
    Uri QueueTimeOutUrl,
    string? Occasion);
