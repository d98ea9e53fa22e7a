using Shield.Application.Payments.Common;

namespace Shield.Application.Payments.ListWaitingPayments;

public sealed class ListWaitingPaymentsQueryValidator : PagedQueryValidator<ListWaitingPaymentsQuery>;
