using Mediator;

namespace Shield.Application.Payments.RecordStkCallback;

/// <summary>Safaricom's STK callback, exactly as received. Stored before it is read.</summary>
/// <param name="Body">The raw body.</param>
/// <param name="RemoteAddress">Who sent it (after trusted proxies).</param>
/// <param name="FromAllowedSource">False when the sender is outside Mpesa:CallbackAllowedIps: the body is kept but not applied.</param>
public sealed record RecordStkCallbackCommand(string Body, string? RemoteAddress, bool FromAllowedSource = true) : ICommand<RecordStkCallbackResponse>;
