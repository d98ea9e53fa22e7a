using Mediator;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Common;

namespace Shield.Application.Payments.GetInboundCallback;

/// <summary>One stored callback with its raw body; for an STK callback that reads as a success, what it says was paid.</summary>
public sealed record GetInboundCallbackQuery(Guid Id) : IQuery<Result<InboundCallbackView>>;
