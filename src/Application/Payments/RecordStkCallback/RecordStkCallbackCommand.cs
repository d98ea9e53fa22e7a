using Mediator;

namespace Shield.Application.Payments.RecordStkCallback;

/// <summary>Safaricom's STK callback, exactly as received. Stored before it is read.</summary>
public sealed record RecordStkCallbackCommand(string Body, string? RemoteAddress) : ICommand<RecordStkCallbackResponse>;
