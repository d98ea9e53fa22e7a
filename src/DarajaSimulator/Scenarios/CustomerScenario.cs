namespace Shield.DarajaSimulator.Scenarios;

/// <summary>How the simulated customer behaves once the prompt reaches the phone (ARCHITECTURE.md §7).</summary>
/// <param name="Name">Short name for logs.</param>
/// <param name="ResultCode">The final ResultCode (callback: JSON number; query: JSON string).</param>
/// <param name="CallbackResultDesc">ResultDesc in the callback.</param>
/// <param name="QueryResultDesc">ResultDesc in the STK query answer (Daraja words some codes differently there).</param>
/// <param name="CallbackDeliveries">How many times the callback is posted: 0 (lost), 1, or 2 (duplicate).</param>
/// <param name="RejectedAtPush">Daraja refuses the push itself (Unable to lock subscriber); nothing follows.</param>
/// <param name="ReceiptEndsWithSeven">
/// The payment's receipt ends in <c>7</c>, so Transaction Status reports it with ResultType/ResultCode as JSON strings
/// (see <see cref="ScenarioTable"/>). Every other receipt ends in something else.
/// </param>
internal sealed record CustomerScenario(
    string Name,
    int ResultCode,
    string CallbackResultDesc,
    string QueryResultDesc,
    int CallbackDeliveries,
    bool RejectedAtPush,
    bool ReceiptEndsWithSeven = false)
{
    public bool IsSuccess => ResultCode == 0;
}
