using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using Shield.Application.Common.Callbacks;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.Ports;
using Shield.Application.Payments.ReconcilePendingAttempts;

namespace Shield.UnitTests.TestSupport;

/// <summary>
/// The Application's shared pieces (write pipeline, callback processor, push sender, reconciler) wired as AddApplication
/// wires them, over the ports a test substitutes.
/// </summary>
internal static class Pipeline
{
    public static PaymentWriter Writer(IPaymentRepository payments, TimeProvider clock) => new(payments, Mapping.Create(), clock);

    public static CallbackProcessor Callbacks(IPaymentRepository payments, ICallbackInbox inbox, IStkCallbackReader reader, TimeProvider clock,
        ITransactionStatusResultReader? statusReader = null, ILogger<CallbackProcessor>? logger = null) =>
        new(payments, inbox, reader, statusReader ?? Substitute.For<ITransactionStatusResultReader>(), clock, logger ?? NullLogger<CallbackProcessor>.Instance);

    public static StkPushSender Sender(IPaymentRepository payments, IMpesaGateway gateway, ICallbackInbox inbox, IStkCallbackReader reader,
        TimeProvider clock, ILogger<StkPushSender>? logger = null) =>
        new(gateway, payments, Writer(payments, clock), Callbacks(payments, inbox, reader, clock), logger ?? NullLogger<StkPushSender>.Instance);

    public static ReconcilePendingAttemptsCommandHandler Reconciler(IPaymentRepository payments, ICallbackInbox inbox, IStkCallbackReader reader,
        IMpesaGateway gateway, ReconciliationOptions options, TimeProvider clock, ILogger<ReconciliationPass>? logger = null,
        ILogger<CallbackProcessor>? callbackLogger = null)
    {
        var writer = Writer(payments, clock);
        var callbacks = Callbacks(payments, inbox, reader, clock, logger: callbackLogger);
        return new(inbox, callbacks, new AttemptReconciler(payments, gateway, writer, clock),
            new StrayCallbackMatcher(payments, inbox, reader, writer, callbacks, clock),
            new ReconciliationPass(payments, logger ?? NullLogger<ReconciliationPass>.Instance), Options.Create(options), clock);
    }
}
