using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;

namespace Shield.UnitTests.TestSupport;

/// <summary>The Application's shared pieces (write pipeline, callback processor, push sender) over the ports a test substitutes.</summary>
internal static class Pipeline
{
    public static PaymentWriter Writer(IPaymentRepository payments, TimeProvider clock) => new(payments, clock);

    public static CallbackProcessor Callbacks(IPaymentRepository payments, ICallbackInbox inbox, IStkCallbackReader reader, TimeProvider clock,
        ITransactionStatusResultReader? statusReader = null, ILogger<CallbackProcessor>? logger = null) =>
        new(payments, inbox, reader, statusReader ?? Substitute.For<ITransactionStatusResultReader>(), clock, logger ?? NullLogger<CallbackProcessor>.Instance);

    public static StkPushSender Sender(IPaymentRepository payments, IMpesaGateway gateway, ICallbackInbox inbox, IStkCallbackReader reader,
        TimeProvider clock, ILogger<StkPushSender>? logger = null) =>
        new(gateway, payments, Writer(payments, clock), Callbacks(payments, inbox, reader, clock), logger ?? NullLogger<StkPushSender>.Instance);
}
