using Mediator;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;

namespace Shield.Application.Payments.ListWaitingPayments;

/// <summary>Every client's payments waiting for an outcome (Pending, or with an Unknown attempt), oldest first, with their age, paged.</summary>
public sealed record ListWaitingPaymentsQuery(int Page = 1, int PageSize = OperatorPaging.DefaultPageSize) : IQuery<WaitingPaymentPage>, IPagedQuery;
