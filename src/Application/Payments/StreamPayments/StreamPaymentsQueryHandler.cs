using System.Runtime.CompilerServices;
using FluentValidation;
using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.Specifications;

namespace Shield.Application.Payments.StreamPayments;

/// <summary>
/// Streams the operators' search from the reader. The validation behaviour does not run for streams, so the search's
/// own validator runs here, before the first row: bad input throws <see cref="ValidationException"/> as it does for the page.
/// </summary>
public sealed class StreamPaymentsQueryHandler(IPaymentOperatorReader reader, IValidator<PaymentSearchCriteria> validator)
    : IStreamQueryHandler<StreamPaymentsQuery, PaymentSearchRow>
{
    public async IAsyncEnumerable<PaymentSearchRow> Handle(StreamPaymentsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Criteria);
        await validator.ValidateAndThrowAsync(query.Criteria, cancellationToken);
        await foreach (var row in reader.StreamAsync(PaymentSearch.From(query.Criteria), cancellationToken))
        {
            yield return row;
        }
    }
}
