namespace Shield.Domain.Payments;

/// <summary>Daraja refused an STK push synchronously, with its errorCode and errorMessage.</summary>
public sealed record PushRejection(string ErrorCode, string ErrorMessage);
