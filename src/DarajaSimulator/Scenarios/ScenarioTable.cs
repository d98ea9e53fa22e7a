namespace Shield.DarajaSimulator.Scenarios;

/// <summary>Chooses the customer's behaviour from the last 4 digits of the phone number, like test card numbers.</summary>
internal static class ScenarioTable
{
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
            _ => Pays,
        };
}
