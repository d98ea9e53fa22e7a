using System.Text.Json.Serialization;
using Shield.Application.Refunds.Contracts;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Contracts;

/// <summary>A payment as clients see it: its status, outcome and every attempt.</summary>
public sealed record PaymentDetails
{
    public required Guid Id { get; init; }

    public required PaymentStatus Status { get; init; }

    public required int Amount { get; init; }

    public required string Currency { get; init; }

    public required string PhoneNumber { get; init; }

    public required string AccountReference { get; init; }

    public required string Description { get; init; }

    public string? MpesaReceiptNumber { get; init; }

    public FailureDetails? Failure { get; init; }

    /// <summary>Why a person must look at this payment (amount_mismatch, phone_mismatch, duplicate_charge), or null.</summary>
    public string? ReviewReason { get; init; }

    /// <summary>The latest review a person resolved, or null.</summary>
    public ReviewResolutionDetails? ReviewResolution { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The latest Transaction Status check (POST .../verify on a completed payment), or null.</summary>
    public VerificationDetails? Verification { get; init; }

    public required IReadOnlyList<AttemptDetails> Attempts { get; init; }

    /// <summary>
    /// KES refunded (its Succeeded refunds). A fully refunded payment stays Completed, with this equal to its amount.
    /// Shown by GET (one payment, and the list); absent from the answers of commands and from payment events, where the
    /// refunds' own events tell.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RefundedAmount { get; init; }

    /// <summary>Its refunds, oldest first (shown where <see cref="RefundedAmount"/> is).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RefundDetails>? Refunds { get; init; }
}
