using System.Text.Json.Serialization;

namespace Shield.WebApi.Contracts;

/// <summary>What Shield answers Safaricom: <c>{"ResultCode":0,"ResultDesc":"Accepted"}</c> (Daraja's own casing).</summary>
public sealed record CallbackAcknowledgement(
    [property: JsonPropertyName("ResultCode")] int ResultCode,
    [property: JsonPropertyName("ResultDesc")] string ResultDesc)
{
    public static readonly CallbackAcknowledgement Accepted = new(0, "Accepted");
}
