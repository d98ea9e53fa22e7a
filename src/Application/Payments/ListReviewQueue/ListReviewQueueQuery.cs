using Mediator;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Contracts;

namespace Shield.Application.Payments.ListReviewQueue;

/// <summary>Every client's payments flagged for review and not resolved (for one reason's code when given), oldest first, paged.</summary>
public sealed record ListReviewQueueQuery(string? Reason = null, int Page = 1, int PageSize = OperatorPaging.DefaultPageSize) : IQuery<ReviewQueuePage>, IPagedQuery;
