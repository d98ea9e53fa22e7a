namespace Shield.Domain.Payments;

/// <summary>The alphabet Daraja accepts in the texts it shows the customer: letters, digits, space and dash.</summary>
internal static class PromptText
{
    public static bool IsValid(string? input, int maxLength)
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
