using System.Diagnostics.CodeAnalysis;
using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>
/// A Kenyan Safaricom mobile number in Daraja's 12-digit form, 2547XXXXXXXX or 2541XXXXXXXX.
/// Accepts 07xx/01xx, 7xx/1xx, 254 and +254 forms, with spaces and dashes; refuses anything else.
/// <see cref="ToString"/> is masked so that a number written to a log by accident stays private.
/// </summary>
public sealed record Msisdn
{
    private Msisdn(string value) => Value = value;

    /// <summary>The normalised 12 digits, for Daraja and the database; never for logs.</summary>
    public string Value { get; }

    /// <summary>The number with its middle hidden, e.g. 2547******49: the only form fit for logs.</summary>
    public string Masked => Mask(Value);

    public static Msisdn Parse(string input) =>
        TryParse(input, out var msisdn) ? msisdn : throw new DomainException("A phone number must be a Safaricom number such as 0712345678 or 254712345678.");

    public static bool IsValid(string? input) => TryParse(input, out _);

    public static bool TryParse(string? input, [NotNullWhen(true)] out Msisdn? msisdn)
    {
        msisdn = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        var text = input.AsSpan().Trim();
        var international = text.StartsWith("+");
        if (international)
        {
            // The plus belongs to the country code: "+ 254..." is not a number someone typed on purpose.
            text = text[1..];
            if (text.IsEmpty || !char.IsAsciiDigit(text[0]))
            {
                return false;
            }
        }

        Span<char> digits = stackalloc char[32];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            digits[count++] = c;
        }

        ReadOnlySpan<char> number = digits[..count];
        var national = number switch
        {
            ['2', '5', '4', .. var rest] when rest.Length == 9 => rest,
            ['0', .. var rest] when rest.Length == 9 && !international => rest,
            _ when number.Length == 9 && !international => number,
            _ => [],
        };

        if (national.Length != 9 || national[0] is not ('7' or '1'))
        {
            return false;
        }

        msisdn = new Msisdn(string.Concat("254", national));
        return true;
    }

    /// <summary>Masks any phone-like string: keeps the first four and last two characters.</summary>
    public static string Mask(string? value) =>
        value is null || value.Length < 7 ? "****" : string.Concat(value.AsSpan(0, 4), new string('*', value.Length - 6), value.AsSpan(value.Length - 2));

    /// <summary>
    /// Masks the phone number that ends an identifier: Daraja's CheckoutRequestIDs end with the customer's number
    /// (<c>ws_CO_180920261803512708374149</c>), so the seven digits before the last two are hidden when it ends with
    /// nine digits or more. Anything else is returned as it is.
    /// </summary>
    public static string MaskIn(string? identifier)
    {
        if (identifier is null)
        {
            return "-";
        }

        var digits = identifier.Length - identifier.AsSpan().TrimEnd("0123456789").Length;
        return digits < 9
            ? identifier
            : string.Concat(identifier.AsSpan(0, identifier.Length - 9), "*******", identifier.AsSpan(identifier.Length - 2));
    }

    public override string ToString() => Masked;
}
