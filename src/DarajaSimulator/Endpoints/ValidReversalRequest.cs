namespace Shield.DarajaSimulator.Endpoints;

/// <summary>The parts of a valid reversal request the simulator keeps.</summary>
/// <param name="Initiator">The API operator's name, checked asynchronously (as Daraja does).</param>
/// <param name="SecurityCredential">base64 RSA ciphertext of the initiator password. Secret: never log it.</param>
/// <param name="TransactionId">The receipt to reverse.</param>
/// <param name="Amount">Whole KES to reverse.</param>
/// <param name="ResultUrl">Where the result goes. Secret: never log it.</param>
/// <param name="QueueTimeOutUrl">Where a queue timeout goes. Secret: never log it.</param>
internal sealed record ValidReversalRequest(
    string Initiator,
    string SecurityCredential,
    string TransactionId,
    int Amount,
    Uri ResultUrl,
    Uri QueueTimeOutUrl);
