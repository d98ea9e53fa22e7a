
namespace Shield.Application.Payments.Contracts;

/// <summary>One page of payments and how many match in all.</summary>
public sealed record PaymentPage(IReadOnlyList<PaymentDetails> Items, int Page, int PageSize, int TotalCount);
