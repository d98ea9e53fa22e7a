using System.Security.Cryptography;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// An endpoint's signing secret in the Standard Webhooks form: <c>whsec_</c> followed by the base64 of the key bytes.
/// Receivers' libraries strip the prefix and decode the rest, so the HMAC key is the decoded bytes, not the text.
/// </summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";

    /// <summary>The number of random key bytes in a new secret: 256 bits, as many as HMAC-SHA256 puts out.</summary>
    public const int KeySize = 32;

    /// <summary>A new secret: <c>whsec_</c> plus base64 of 32 bytes from the operating system's cryptographic generator.</summary>
    public static string New() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize));

    /// <summary>The HMAC key of <paramref name="secret"/>: the base64-decoded bytes after <c>whsec_</c>.</summary>
    /// <exception cref="FormatException">The secret lacks the prefix, is not base64, or holds no bytes (the message never shows the secret).</exception>
    public static byte[] KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new FormatException($"A webhook secret starts with '{Prefix}' followed by base64 key bytes; this one does not start with '{Prefix}'.");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(secret[Prefix.Length..]);
        }
        catch (FormatException exception)
        {
            throw new FormatException($"A webhook secret is '{Prefix}' followed by base64 key bytes; the text after '{Prefix}' is not base64.", exception);
        }

        return key.Length == 0
            ? throw new FormatException($"A webhook secret is '{Prefix}' followed by base64 key bytes; this one holds no key bytes.")
            : key;
    }
}
