using System.Collections.Frozen;

namespace Shield.Domain.Refunds;

/// <summary>
/// Every result code of a reversal (REFERENCE.md §11.4) with a stable code, whether a new refund can succeed once the
/// cause is fixed, a message for people, and whether it means Shield's M-Pesa set-up is wrong (logged as an error, as
/// is a short Utility balance). Unknown codes get a safe default; Daraja's description is always kept as sent.
/// </summary>
public static class ReversalCatalogue
{
    public const string Reversed = "0";
    public const string AlreadyReversed = "R000001";

    private static readonly FrozenDictionary<string, Entry> ByResultCode = new Dictionary<string, Entry>
    {
        [Reversed] = new("reversed", false, "M-Pesa reversed the payment.", Alert: false),
        [AlreadyReversed] = new("already_reversed", false,
            "M-Pesa says this receipt is already reversed, possibly by an earlier refund request: it is verified before it is settled.", Alert: false),
        ["R000002"] = new("original_transaction_invalid", false, "M-Pesa does not know this receipt as one this business can reverse.", Alert: false),
        ["11"] = new("debit_party_inactive", false, "The business's M-Pesa account is not active.", Alert: false),
        ["21"] = new("initiator_not_permitted", true,
            "The M-Pesa API operator lacks the Org Reversals Initiator role. Grant it, then refund again.", Alert: true),
        ["2001"] = new("initiator_credentials_invalid", true,
            "M-Pesa refused the API operator's name or password. Fix Shield's initiator settings, then refund again.", Alert: true),
        ["2006"] = new("declined_account_rule", false, "M-Pesa declined the reversal under an account rule.", Alert: false),
        ["2028"] = new("product_not_permitted", true,
            "The shortcode is not permitted to make reversals. Ask Safaricom to enable it, then refund again.", Alert: true),
        ["8006"] = new("security_credential_locked", true,
            "The API operator's password is locked. Unlock it with the Business Administrator, then refund again.", Alert: true),
        ["1"] = new("insufficient_balance", true,
            "The shortcode's Utility account cannot cover the refund. Top it up, then refund again.", Alert: true),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly Entry Unlisted = new("reversal_failed", false, "M-Pesa refused the reversal; its description says why.", Alert: false);

    /// <summary>The codes listed (for documentation and tests).</summary>
    public static IReadOnlyCollection<string> Codes => ByResultCode.Keys;

    /// <summary>What <paramref name="resultCode"/> means.</summary>
    public static Entry Describe(string resultCode) => ByResultCode.GetValueOrDefault(resultCode, Unlisted);

    /// <summary>The failure a result code other than 0 and R000001 ends a refund with.</summary>
    public static RefundFailure Failure(string resultCode, string? resultDescription)
    {
        var entry = Describe(resultCode);
        return new RefundFailure(entry.Code, resultCode, resultDescription, entry.Message, entry.Retriable);
    }

    /// <summary>Daraja refused the request itself (HTTP 4xx): nothing was sent.</summary>
    public static RefundFailure NotSent(string errorCode, string errorMessage) =>
        new("reversal_request_rejected", errorCode, errorMessage, "Daraja refused the reversal request; nothing was sent to M-Pesa.", Retriable: true);

    /// <summary>Another refund of the payment settled while this one was being stored: it would take the refunds past the payment.</summary>
    public static RefundFailure ExceedsPayment() =>
        new("refund_exceeds_payment", null, null, "Another refund of this payment settled first; this one would take the refunds past the payment's amount.",
            Retriable: false);

    /// <summary>An operator found on the M-Pesa statement that the reversal did not happen.</summary>
    public static RefundFailure SettledAsFailed(string? note) =>
        new("settled_as_failed", null, note, "An operator found that the reversal did not happen.", Retriable: true);

    /// <summary>An approver rejected a refund held for approval: nothing was sent. (The note is kept with the refund.)</summary>
    public static RefundFailure Rejected() =>
        new("refund_rejected", null, null, "The refund was not approved; nothing was sent to M-Pesa.", Retriable: false);

    /// <summary>One result code's meaning. <see cref="Alert"/>: Shield's own set-up (or balance) is at fault: logged as an error.</summary>
    public sealed record Entry(string Code, bool Retriable, string Message, bool Alert);
}
