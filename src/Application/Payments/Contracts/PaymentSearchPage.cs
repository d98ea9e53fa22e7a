namespace Shield.Application.Payments.Contracts;

/// <summary>One page of an operator's payment search, newest first, and how many payments match in all.</summary>
public sealed record PaymentSearchPage(IReadOnlyList<PaymentSearchRow> Items, int Page, int PageSize, int TotalCount);
