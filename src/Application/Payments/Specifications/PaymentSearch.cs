using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Specifications;

/// <summary>An operator's search, parsed: the phone normalised to Daraja's 12 digits, the receipt upper-cased, dates in UTC.</summary>
public sealed record PaymentSearch(
    Msisdn? PhoneNumber,
    string? ReceiptNumber,
    AccountReference? AccountReference,
    PaymentId? PaymentId,
    PaymentStatus? Status,
    ClientId? ClientId,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo)
{
    /// <summary>Parses criteria a validator accepted (<see cref="Common.PaymentSearchCriteriaValidator"/>); anything else throws.</summary>
    public static PaymentSearch From(PaymentSearchCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return new PaymentSearch(
            Blank(criteria.PhoneNumber) ? null : Msisdn.Parse(criteria.PhoneNumber!),
            Blank(criteria.ReceiptNumber) ? null : criteria.ReceiptNumber!.Trim().ToUpperInvariant(),
            Blank(criteria.AccountReference) ? null : Domain.Payments.AccountReference.Parse(criteria.AccountReference!.Trim()),
            criteria.PaymentId is { } id ? new PaymentId(id) : null,
            criteria.Status,
            Blank(criteria.ClientId) ? null : new ClientId(criteria.ClientId!.Trim()),
            criteria.CreatedFrom?.ToUniversalTime(),
            criteria.CreatedTo?.ToUniversalTime());
    }

    /// <summary>An empty search field (as a form posts it) is no filter.</summary>
    public static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
