using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shield.Infrastructure.Webhooks;

/// <summary>
/// The Standard Webhooks v1 signature: <c>v1,</c> + base64 of HMAC-SHA256, keyed with the secret's decoded bytes, over
/// the UTF-8 of <c>{webhook-id}.{webhook-timestamp}.</c> followed by the exact body bytes sent. Signing bytes rather
/// than a string keeps the signed body and the sent body the same, whatever characters it holds.
/// </summary>
internal static class WebhookSignature
{
    public const string Version = "v1";

    /// <summary>The signature of one message with one secret, e.g. <c>v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=</c>.</summary>
    /// <param name="secret">A <c>whsec_</c> secret (<see cref="WebhookSecret"/>).</param>
    /// <param name="messageId">The <c>webhook-id</c> header: the event id, the same on every retry.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header: Unix seconds of this attempt.</param>
    /// <param name="body">The exact bytes of the request body.</param>
    public static string Sign(string secret, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        var key = WebhookSecret.KeyOf(secret);
        try
        {
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            hmac.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{messageId}.{timestamp}.")));
            hmac.AppendData(body);
            return $"{Version},{Convert.ToBase64String(hmac.GetHashAndReset())}";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>
    /// The <c>webhook-signature</c> header: one signature per secret, space-separated, in the order given (the current
    /// secret first, then the previous one during a rotation's grace period). A receiver accepts if any one matches.
    /// </summary>
    /// <exception cref="ArgumentException">No secret was given: a delivery is never sent unsigned.</exception>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var header = new StringBuilder();
        foreach (var secret in secrets)
        {
            if (header.Length > 0)
            {
                header.Append(' ');
            }

            header.Append(Sign(secret, messageId, timestamp, body));
        }

        return header.Length > 0 ? header.ToString() : throw new ArgumentException("A webhook is signed with at least one secret.", nameof(secrets));
    }
}
