using Mediator;
using Shield.Domain.Callbacks;

namespace Shield.Application.Common.Callbacks;

/// <summary>A notification Safaricom posted (an STK callback, a Transaction Status result or queue timeout), exactly as received.</summary>
/// <param name="Kind">Which endpoint it arrived on.</param>
/// <param name="Body">The raw body: stored before it is read.</param>
/// <param name="RemoteAddress">Who sent it (after trusted proxies).</param>
/// <param name="FromAllowedSource">False when the sender is outside Mpesa:CallbackAllowedIps: the body is kept but not applied.</param>
public sealed record RecordCallbackCommand(CallbackKind Kind, string Body, string? RemoteAddress, bool FromAllowedSource = true)
    : ICommand<RecordCallbackResponse>;
