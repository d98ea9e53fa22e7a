using Shield.Baseline.Json;

namespace Shield.Baseline.Payments;

/// <summary>
/// A minimal version of Shield's InitiatePaymentCommandValidator: phone in Daraja's 12-digit 2547/2541 form (Shield also
/// normalises 07.., +254.. forms), a whole amount of 1..250000 KES, account reference 1..12 and description 1..13
/// letters, digits, spaces or dashes (description optional, "Payment" when absent).
/// </summary>
internal static class RequestRules
{
    public const string DefaultDescription = "Payment";

    public static Dictionary<string, string[]>? Check(InitiateRequest? request)
    {
        Dictionary<string, string[]>? errors = null;
        if (!IsPhone(request?.PhoneNumber))
        {
            (errors ??= [])["phoneNumber"] = ["Use a Safaricom number such as 254712345678."];
        }

        if (request?.Amount is not { } amount || decimal.Truncate(amount) != amount || amount is < 1 or > 250_000)
        {
            (errors ??= [])["amount"] = ["The amount must be a whole number of KES from 1 to 250000."];
        }

        if (!IsPromptText(request?.AccountReference, 12))
        {
            (errors ??= [])["accountReference"] = ["The account reference is 1 to 12 letters, digits, spaces or dashes."];
        }

        if (request?.Description is { } description && !IsPromptText(description, 13))
        {
            (errors ??= [])["description"] = ["The description is 1 to 13 letters, digits, spaces or dashes."];
        }

        return errors;
    }

    private static bool IsPhone(string? input)
    {
        var phone = input.AsSpan().Trim();
        if (phone.Length != 12 || !phone.StartsWith("254", StringComparison.Ordinal) || phone[3] is not ('7' or '1'))
        {
            return false;
        }

        foreach (var c in phone)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPromptText(string? input, int maxLength)
    {
        var text = input.AsSpan().Trim();
        if (text.IsEmpty || text.Length > maxLength)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not (' ' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
