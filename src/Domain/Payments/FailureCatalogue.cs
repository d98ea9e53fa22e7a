using System.Collections.Frozen;

namespace Shield.Domain.Payments;

/// <summary>
/// Every failure a payment can end with: a stable client-facing code, whether a retry can help, and a
/// message fit to show a customer. Keyed by Daraja's ResultCode (REFERENCE.md §3.5) or, for pushes Daraja
/// refused synchronously, by its errorCode (§2.7). Unknown codes get a safe default.
/// </summary>
public static class FailureCatalogue
{
    private static readonly FrozenDictionary<string, (string Code, bool Retriable, string Message)> ByResultCode =
        new Dictionary<string, (string, bool, string)>
        {
            ["1"] = ("insufficient_funds", true, "The M-Pesa balance is not enough for this payment. Top up and try again."),
            ["2"] = ("amount_below_minimum", false, "The amount is below the M-Pesa minimum."),
            ["3"] = ("amount_above_maximum", false, "The amount is above the M-Pesa limit for one transaction."),
            ["4"] = ("limit_exceeded", false, "This payment would go over the daily M-Pesa limit."),
            ["8"] = ("merchant_limit_exceeded", false, "The business cannot receive this payment right now. Try again later."),
            ["17"] = ("rule_limited", true, "A payment like this one was made moments ago. Wait two minutes and try again."),
            ["26"] = ("system_busy", true, "M-Pesa is busy. Try again in a few minutes."),
            ["1001"] = ("subscriber_busy", true, "The phone has another M-Pesa request open. Finish it, then try again."),
            ["1019"] = ("transaction_expired", true, "The payment request expired before it was completed. Try again."),
            ["1025"] = ("prompt_failed", true, "M-Pesa could not send the payment prompt. Try again."),
            ["1031"] = ("cancelled_by_customer", true, "The payment was cancelled on the phone."),
            ["1032"] = ("cancelled_by_customer", true, "The payment was cancelled on the phone."),
            ["1036"] = ("prompt_failed", true, "M-Pesa could not send the payment prompt. Try again."),
            ["1037"] = ("customer_unreachable", true, "The phone could not be reached or the prompt was not answered. Check the phone is on and try again."),
            ["1101"] = ("prompt_rejected", false, "M-Pesa refused the payment prompt text."),
            ["2001"] = ("wrong_pin", true, "The M-Pesa PIN was wrong. Try again."),
            ["2028"] = ("not_permitted", false, "This business is not set up to receive this kind of payment."),
            ["2118"] = ("merchant_misconfigured", false, "The business's M-Pesa set-up is incomplete."),
            ["8006"] = ("pin_locked", false, "The M-Pesa PIN is locked. Call Safaricom customer care to unlock it."),
            ["9999"] = ("prompt_failed", true, "M-Pesa could not send the payment prompt. Try again."),
            ["E3008"] = ("customer_not_eligible", false, "M-Pesa declined this customer's payment."),
            ["SFC_IC0003"] = ("not_permitted", false, "This business is not set up to receive this kind of payment."),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The stable code of <see cref="OutcomeUnknown"/>: a retry of such a payment must be acknowledged.</summary>
    public const string OutcomeUnknownCode = "outcome_unknown";

    /// <summary>
    /// The customer had the prompt, and no outcome came within Reconciliation:ExpireAfter (no callback, and queries never
    /// gave one).
    /// </summary>
    public static PaymentFailure NoOutcome =>
        new("no_outcome", null, "M-Pesa gave no answer in time. No money was taken unless an M-Pesa message says so; try again.", true);

    /// <summary>
    /// The push may have reached the customer (Shield died, the database was down, or Daraja's answer was lost before it
    /// was recorded), and nothing ever said what came of it. The customer may have paid: not offered as retriable, and
    /// the payment is flagged for review.
    /// </summary>
    public static PaymentFailure OutcomeUnknown =>
        new(OutcomeUnknownCode, null,
            "M-Pesa's answer to the payment prompt was never received. Check for an M-Pesa message before paying again.", false);

    /// <summary>The failure for a non-success ResultCode from a callback or a query.</summary>
    public static PaymentFailure ForResultCode(string resultCode)
    {
        var code = resultCode.Trim();
        return ByResultCode.TryGetValue(code, out var entry)
            ? new PaymentFailure(entry.Code, code, entry.Message, entry.Retriable)
            : new PaymentFailure("payment_failed", code, "M-Pesa could not complete the payment.", false);
    }

    /// <summary>
    /// The failure for a push Daraja refused. 500.001.1001 is overloaded (REFERENCE.md §2.7), so it is the one
    /// place where the message is read as well as the code.
    /// </summary>
    public static PaymentFailure ForPushRejection(PushRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var code = rejection.ErrorCode.Trim();
        var message = rejection.ErrorMessage;
        return code switch
        {
            "500.001.1001" when message.Contains("lock subscriber", StringComparison.OrdinalIgnoreCase) =>
                new PaymentFailure("subscriber_busy", code, "The phone has another M-Pesa request open. Wait a minute, then try again.", true),
            "500.001.1001" =>
                new PaymentFailure("merchant_misconfigured", code, "The business's M-Pesa set-up was refused by Safaricom.", false),
            "404.001.03" or "401.002.01" or "400.003.01" or "404.001.04" =>
                new PaymentFailure("mpesa_auth_failed", code, "M-Pesa refused Shield's credentials. Try again later.", false),
            "500.003.02" or "500.003.03" =>
                new PaymentFailure("system_busy", code, "M-Pesa is busy. Try again in a few minutes.", true),
            "400.002.02" when message.Contains("PhoneNumber", StringComparison.OrdinalIgnoreCase) || message.Contains("PartyA", StringComparison.OrdinalIgnoreCase) =>
                new PaymentFailure("invalid_phone_number", code, "M-Pesa does not accept this phone number.", false),
            "400.002.02" when message.Contains("Amount", StringComparison.OrdinalIgnoreCase) =>
                new PaymentFailure("invalid_amount", code, "M-Pesa does not accept this amount.", false),
            _ => new PaymentFailure("push_rejected", code, "M-Pesa refused the payment request.", false),
        };
    }
}
