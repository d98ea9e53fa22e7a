using Mediator;
using Shield.Application.Payments.RecordStkCallback;

namespace Shield.Application.Payments.RecordTransactionStatusResult;

/// <summary>Safaricom's Transaction Status answer (ResultURL) or queue timeout (QueueTimeOutURL), exactly as received.</summary>
public sealed record RecordTransactionStatusResultCommand(string Body, string? RemoteAddress, bool TimedOut, bool FromAllowedSource = true)
    : ICommand<RecordStkCallbackResponse>;
