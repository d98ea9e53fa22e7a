namespace Shield.DarajaSimulator.Scenarios;

/// <summary>
/// Chooses the customer's behaviour from the last 4 digits of the phone number, like test card numbers.
/// </summary>
/// <remarks>
/// <para>STK Push: 1032 cancels, 1037 never answers, 0001 insufficient funds, 2001 wrong PIN, 1019 expires,
/// 0500 subscriber locked (the push itself is refused), 0000 pays but the callback is lost, 0002 pays and the
/// callback comes twice, 0007 pays with a receipt ending in 7 (below); anything else pays.</para>
/// <para>Transaction Status hooks, for clients' tolerance tests (REFERENCE.md §5.3: the live API is inconsistent):</para>
/// <list type="bullet">
/// <item>A paid receipt whose last character is the digit <c>7</c> gets its success result with <c>ResultType</c> and
/// <c>ResultCode</c> as JSON strings (<c>"0"</c>, as in the Reversal/Account-balance sample); every other result
/// sends them as JSON numbers. Only phones ending 0007 get such receipts, so the hook is deterministic: pay from
/// a 0007 phone to get strings, from any other paying phone to get numbers.</item>
/// <item>A TransactionID starting with <c>QTO</c> gets no result at all: CallbackDelay later the simulator posts
/// a queue timeout (ResultType 1, ResultCode 1) to QueueTimeOutURL instead.</item>
/// <item>Success results carry <c>ReferenceData.ReferenceItem</c> as an array, failures as an object.</item>
/// <item>Asked by <c>OriginalConversationID</c> (no TransactionID), about a reversal it carried out: ResultCode 0 with
/// ReceiptNo the reversal's receipt; about a reversal it refused, or an unknown id: 2032 (REFERENCE.md §11.6).</item>
/// </list>
/// <para>Reversal (REFERENCE.md §11), decided in this order: a receipt it never issued gets R000002; a SecurityCredential
/// that is not the initiator password, 2001; an amount over the payment's, 17 "Internal Failure" (invented); a receipt
/// already reversed, R000001; a receipt paid from a phone ending <c>0408</c> is reversed but a queue timeout is posted
/// to QueueTimeOutURL instead of the result; anything else succeeds (a partial amount too).</para>
/// </remarks>
internal static class ScenarioTable
{
    /// <summary>Receipts paid from a phone ending with this are reversed, but the reversal's result is a queue timeout.</summary>
    public const string ReversalQueueTimeoutPhoneSuffix = "0408";

    private const string SuccessDesc = "The service request is processed successfully.";

    public static readonly CustomerScenario Pays =
        new("pays", 0, SuccessDesc, SuccessDesc, CallbackDeliveries: 1, RejectedAtPush: false);

    public static readonly CustomerScenario Cancels =
        new("cancels", 1032, "Request cancelled by user", "Request cancelled by user", 1, false);

    // Observed live (REFERENCE.md §3.4): for the same 1037 payment the callback said "No response from user."
    // while the query said "DS timeout user cannot be reached".
    public static readonly CustomerScenario NeverAnswers =
        new("never-answers", 1037, "No response from user.", "DS timeout user cannot be reached", 1, false);

    public static readonly CustomerScenario InsufficientFunds =
        new("insufficient-funds", 1, "The balance is insufficient for the transaction.", "The balance is insufficient for the transaction.", 1, false);

    public static readonly CustomerScenario WrongPin =
        new("wrong-pin", 2001, "The initiator information is invalid.", "The initiator information is invalid.", 1, false);

    public static readonly CustomerScenario Expires =
        new("expires", 1019, "Transaction has expired", "Transaction has expired", 1, false);

    public static readonly CustomerScenario SubscriberLocked =
        new("subscriber-locked", 0, "", "", 0, RejectedAtPush: true);

    public static readonly CustomerScenario PaysCallbackLost =
        new("pays-callback-lost", 0, SuccessDesc, SuccessDesc, CallbackDeliveries: 0, false);

    public static readonly CustomerScenario PaysCallbackTwice =
        new("pays-callback-twice", 0, SuccessDesc, SuccessDesc, CallbackDeliveries: 2, false);

    public static readonly CustomerScenario PaysReceiptEndsWithSeven =
        new("pays-receipt-ends-7", 0, SuccessDesc, SuccessDesc, CallbackDeliveries: 1, RejectedAtPush: false, ReceiptEndsWithSeven: true);

    public static CustomerScenario ForPhone(string msisdn) =>
        msisdn.Length < 4 ? Pays : msisdn[^4..] switch
        {
            "1032" => Cancels,
            "1037" => NeverAnswers,
            "0001" => InsufficientFunds,
            "2001" => WrongPin,
            "1019" => Expires,
            "0500" => SubscriberLocked,
            "0000" => PaysCallbackLost,
            "0002" => PaysCallbackTwice,
            "0007" => PaysReceiptEndsWithSeven,
            _ => Pays,
        };
}
