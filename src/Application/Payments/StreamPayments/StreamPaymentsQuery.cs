using Mediator;
using Shield.Application.Payments.Contracts;

namespace Shield.Application.Payments.StreamPayments;

/// <summary>
/// Every payment an operator's search matches, newest first, one row at a time as the database returns it: the CSV
/// export of the whole filtered set (<c>ISender.CreateStream</c>), never held in memory at once. Enumerate it within
/// the scope that created it (it reads through that scope's database connection).
/// </summary>
public sealed record StreamPaymentsQuery(PaymentSearchCriteria Criteria) : IStreamQuery<PaymentSearchRow>;
