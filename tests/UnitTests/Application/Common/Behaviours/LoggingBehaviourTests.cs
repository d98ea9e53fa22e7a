using Mapster;
using Microsoft.Extensions.Logging;
using Shield.Application.Common.Behaviours;
using Shield.Application.Common.Callbacks;
using Shield.Application.Payments.Contracts;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.InitiatePayment;
using Shield.Domain.Callbacks;
using Shield.Domain.Common;
using Shield.Domain.Payments;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Common.Behaviours;

public sealed class LoggingBehaviourTests
{
    [Fact]
    public async Task Handle_AnsweredQuery_LogsAtDebugOnly()
    {
        var logger = new RecordingLogger<LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>>();
        var behaviour = new LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>(logger);
        var query = new GetPaymentQuery(new ClientId("client-a"), PaymentId.New());

        (await behaviour.Handle(query, (_, _) => ValueTask.FromResult<Result<PaymentDetails>>(TestPayments.New().Adapt<PaymentDetails>(Mapping.Create())), CancellationToken.None)).Must();

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.StartsWith($"GetPaymentQuery for payment {query.PaymentId} answered in", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_RefusedQuery_LogsItsErrorCodeAtInformation()
    {
        var logger = new RecordingLogger<LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>>();
        var behaviour = new LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>(logger);
        var id = PaymentId.New();

        var refused = await behaviour.Handle(new GetPaymentQuery(new ClientId("client-a"), id),
            (_, _) => ValueTask.FromResult<Result<PaymentDetails>>(PaymentErrors.NotFound(id)), CancellationToken.None);

        Assert.Equal("payment_not_found", refused.Error?.Code);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Equal($"GetPaymentQuery for payment {id} refused in", entry.Message[..(entry.Message.IndexOf(" in ", StringComparison.Ordinal) + 3)]);
        Assert.EndsWith(": payment_not_found", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_Command_LogsAtInformation()
    {
        var logger = new RecordingLogger<LoggingBehaviour<RecordCallbackCommand, RecordCallbackResponse>>();
        var behaviour = new LoggingBehaviour<RecordCallbackCommand, RecordCallbackResponse>(logger);

        await behaviour.Handle(new RecordCallbackCommand(CallbackKind.StkCallback, "{}", "127.0.0.1"),
            (_, _) => ValueTask.FromResult(new RecordCallbackResponse(Guid.NewGuid(), CallbackOutcome.Applied)), CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("RecordCallbackCommand handled in", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_CommandWhoseAnswerIsAboutAPayment_NamesThatPayment()
    {
        var logger = new RecordingLogger<LoggingBehaviour<InitiatePaymentCommand, Result<PaymentOutcome>>>();
        var behaviour = new LoggingBehaviour<InitiatePaymentCommand, Result<PaymentOutcome>>(logger);
        var payment = TestPayments.New().Adapt<PaymentDetails>(Mapping.Create());

        (await behaviour.Handle(new InitiatePaymentCommand(new ClientId("client-a"), "0708374149", 1, "INV-1", null, null),
            (_, _) => ValueTask.FromResult<Result<PaymentOutcome>>(new PaymentOutcome(payment, null)), CancellationToken.None)).Must();

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith($"InitiatePaymentCommand for payment {payment.Id} handled in", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0708374149", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_HandlerThrows_LogsTheExceptionTypeAtWarningAndRethrows()
    {
        var logger = new RecordingLogger<LoggingBehaviour<RecordCallbackCommand, RecordCallbackResponse>>();
        var behaviour = new LoggingBehaviour<RecordCallbackCommand, RecordCallbackResponse>(logger);
        var thrown = new InvalidOperationException("the database said no");

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => behaviour.Handle(new RecordCallbackCommand(CallbackKind.StkCallback, "{}", "127.0.0.1"),
            (_, _) => throw thrown, CancellationToken.None).AsTask());

        Assert.Same(thrown, caught);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.StartsWith("RecordCallbackCommand threw InvalidOperationException after", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the database said no", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_NoNextHandler_ThrowsArgumentNullException()
    {
        var behaviour = new LoggingBehaviour<RecordCallbackCommand, RecordCallbackResponse>(
            new RecordingLogger<LoggingBehaviour<RecordCallbackCommand, RecordCallbackResponse>>());

        await Assert.ThrowsAsync<ArgumentNullException>(() => behaviour.Handle(new RecordCallbackCommand(CallbackKind.StkCallback, "{}", null), null!, CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Handle_CommandWithDebugOff_StillLogsAtInformation()
    {
        var logger = new RecordingLogger<LoggingBehaviour<RecordCallbackCommand, RecordCallbackResponse>>(LogLevel.Information);
        var behaviour = new LoggingBehaviour<RecordCallbackCommand, RecordCallbackResponse>(logger);

        await behaviour.Handle(new RecordCallbackCommand(CallbackKind.StkCallback, "{}", "127.0.0.1"),
            (_, _) => ValueTask.FromResult(new RecordCallbackResponse(Guid.NewGuid(), CallbackOutcome.Applied)), CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("RecordCallbackCommand handled in", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_RefusedQueryWithDebugOff_StillLogsTheRefusalAtInformation()
    {
        var logger = new RecordingLogger<LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>>(LogLevel.Information);
        var behaviour = new LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>(logger);
        var id = PaymentId.New();

        var refused = await behaviour.Handle(new GetPaymentQuery(new ClientId("client-a"), id),
            (_, _) => ValueTask.FromResult<Result<PaymentDetails>>(PaymentErrors.NotFound(id)), CancellationToken.None);

        Assert.Equal("payment_not_found", refused.Error?.Code);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.EndsWith(": payment_not_found", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_AnsweredQueryWithDebugOff_LogsNothing()
    {
        var logger = new RecordingLogger<LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>>(LogLevel.Information);
        var behaviour = new LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>(logger);

        var answer = await behaviour.Handle(new GetPaymentQuery(new ClientId("client-a"), PaymentId.New()),
            (_, _) => ValueTask.FromResult<Result<PaymentDetails>>(TestPayments.New().Adapt<PaymentDetails>(Mapping.Create())), CancellationToken.None);

        Assert.True(answer.IsSuccess);
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public async Task Handle_RefusedCommandAboutNoPayment_LogsItsErrorCodeAtInformation()
    {
        var logger = new RecordingLogger<LoggingBehaviour<InitiatePaymentCommand, Result<PaymentOutcome>>>();
        var behaviour = new LoggingBehaviour<InitiatePaymentCommand, Result<PaymentOutcome>>(logger);

        var answer = await behaviour.Handle(new InitiatePaymentCommand(new ClientId("client-a"), "0708374149", 1, "INV-1", null, null),
            (_, _) => ValueTask.FromResult<Result<PaymentOutcome>>(PaymentErrors.SubscriberBusy()), CancellationToken.None);

        Assert.Equal("subscriber_busy", answer.Error!.Code);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("InitiatePaymentCommand refused in", entry.Message, StringComparison.Ordinal);
        Assert.EndsWith(": subscriber_busy", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_HandlerThrowsForAPayment_NamesThatPaymentInTheWarning()
    {
        var logger = new RecordingLogger<LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>>();
        var behaviour = new LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>(logger);
        var id = PaymentId.New();

        await Assert.ThrowsAsync<TimeoutException>(() => behaviour.Handle(new GetPaymentQuery(new ClientId("client-a"), id),
            (_, _) => throw new TimeoutException(), CancellationToken.None).AsTask());

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.StartsWith($"GetPaymentQuery for payment {id} threw TimeoutException after", entry.Message, StringComparison.Ordinal);
    }
}
