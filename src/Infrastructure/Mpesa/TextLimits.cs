namespace Shield.Infrastructure.Mpesa;

/// <summary>Makes free text from Safaricom safe to store on every engine: no control characters, no split surrogate pairs.</summary>
internal static class TextLimits
{
    public static string? Clean(string? text, int maxLength)
    {
        if (text is null)
        {
            return null;
        }

        var cleaned = string.Concat(text.Where(c => !char.IsControl(c)));
        if (cleaned.Length > maxLength)
        {
            var cut = char.IsHighSurrogate(cleaned[maxLength - 1]) ? maxLength - 1 : maxLength;
            cleaned = cleaned[..cut];
        }

        // A lone surrogate (from JSON's \uD800) cannot be encoded as UTF-8 by the database: drop any left.
        return string.Concat(cleaned.Where((c, i) => !char.IsSurrogate(c)
            || (char.IsHighSurrogate(c) && i + 1 < cleaned.Length && char.IsLowSurrogate(cleaned[i + 1]))
            || (char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(cleaned[i - 1]))));
    }
}
