using System.Text.Json.Serialization;

namespace Shield.Baseline.Json;

// The HTTP contract, with Shield's property names and order (PaymentDetails, AttemptDetails, FailureDetails,
// PaymentPage, CallbackAcknowledgement). Tiny records, grouped here on purpose.

/// <summary>The body of POST /api/v1/payments.</summary>
internal sealed record InitiateRequest(string? PhoneNumber, decimal? Amount, string? AccountReference, string? Description);

internal sealed record PaymentView(
    Guid Id,
    string Status,
    int Amount,
    string Currency,
    string PhoneNumber,
    string AccountReference,
    string Description,
    string? MpesaReceiptNumber,
    FailureView? Failure,
    string? ReviewReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<AttemptView> Attempts)
{
    /// <summary>Always null: the baseline has no verify endpoint, so no payment of its own has a verification.</summary>
    [JsonPropertyOrder(1)]
    public string? Verification => null;

    [JsonPropertyOrder(2)]
    public IReadOnlyList<AttemptView> Attempts { get; init; } = Attempts;
}

internal sealed record AttemptView(
    int Number,
    string Status,
    string? CheckoutRequestId,
    string? MerchantRequestId,
    string? ResultCode,
    string? ResultDescription,
    string? ReceiptNumber,
    string? ResultSource,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? CompletedAt);

internal sealed record FailureView(string Code, string? ResultCode, string Message, bool Retriable);

internal sealed record PageView(IReadOnlyList<PaymentView> Items, int Page, int PageSize, int TotalCount);

/// <summary>What Shield answers Safaricom: <c>{"ResultCode":0,"ResultDesc":"Accepted"}</c>.</summary>
internal sealed record CallbackAck(
    [property: JsonPropertyName("ResultCode")] int ResultCode,
    [property: JsonPropertyName("ResultDesc")] string ResultDesc)
{
    public static readonly CallbackAck Accepted = new(0, "Accepted");
}

/// <summary>An RFC 9457 problem with Shield's <c>code</c> extension (and <c>paymentId</c> / <c>errors</c> where Shield adds them).</summary>
internal sealed record ProblemView(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Instance,
    string Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? PaymentId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null);
