using Mediator;
using Shield.Application.Common.Callbacks;
using Shield.Application.Payments.Common;
using Shield.Domain.Callbacks;

namespace Shield.Application.Payments.ListInboundCallbacks;

/// <summary>
/// The callback inbox: stored callbacks with one of <paramref name="Outcomes"/> (null or empty:
/// <see cref="DefaultOutcomes"/>, the ones a person must look at), of <paramref name="Kind"/> when given, newest first, paged.
/// </summary>
public sealed record ListInboundCallbacksQuery(IReadOnlyList<CallbackOutcome>? Outcomes = null, CallbackKind? Kind = null, int Page = 1,
    int PageSize = OperatorPaging.DefaultPageSize) : IQuery<InboundCallbackPage>, IPagedQuery
{
    /// <summary>The callbacks Shield could not apply: Unmatched, Malformed and SourceRejected.</summary>
    public static IReadOnlyList<CallbackOutcome> DefaultOutcomes { get; } = [CallbackOutcome.Unmatched, CallbackOutcome.Malformed, CallbackOutcome.SourceRejected];
}
