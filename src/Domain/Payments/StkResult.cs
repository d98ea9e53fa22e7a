namespace Shield.Domain.Payments;

/// <summary>
/// Safaricom's verdict on one STK push, from a callback or a query. ResultCode is a string because some
/// codes are not numeric (SFC_IC0003, E3008). A success from a callback carries a receipt; one known only
/// from STK Push Query does not.
/// </summary>
public sealed record StkResult(string CheckoutRequestId, string ResultCode, string? ResultDescription, Receipt? Receipt,
    ResultSource Source = ResultSource.Callback);
