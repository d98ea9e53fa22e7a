using Mapster;
using Microsoft.Extensions.Logging;
using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.GetPayment;
using Shield.Application.Payments.RecordStkCallback;
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

        await behaviour.Handle(query, (_, _) => ValueTask.FromResult<Result<PaymentDetails>>(TestPayments.New().Adapt<PaymentDetails>(Mapping.Create())), CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.StartsWith("GetPaymentQuery handled in", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_RefusedQuery_LogsItsErrorCodeAtInformation()
    {
        var logger = new RecordingLogger<LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>>();
        var behaviour = new LoggingBehaviour<GetPaymentQuery, Result<PaymentDetails>>(logger);
        var id = PaymentId.New();

        await behaviour.Handle(new GetPaymentQuery(new ClientId("client-a"), id),
            (_, _) => ValueTask.FromResult<Result<PaymentDetails>>(PaymentErrors.NotFound(id)), CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("payment_not_found", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_Command_LogsAtInformation()
    {
        var logger = new RecordingLogger<LoggingBehaviour<RecordStkCallbackCommand, RecordStkCallbackResponse>>();
        var behaviour = new LoggingBehaviour<RecordStkCallbackCommand, RecordStkCallbackResponse>(logger);

        await behaviour.Handle(new RecordStkCallbackCommand("{}", "127.0.0.1"),
            (_, _) => ValueTask.FromResult(new RecordStkCallbackResponse(Guid.NewGuid(), CallbackOutcome.Applied)), CancellationToken.None);

        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.StartsWith("RecordStkCallbackCommand handled in", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_HandlerThrows_LogsTheExceptionTypeAtWarningAndRethrows()
    {
        var logger = new RecordingLogger<LoggingBehaviour<RecordStkCallbackCommand, RecordStkCallbackResponse>>();
        var behaviour = new LoggingBehaviour<RecordStkCallbackCommand, RecordStkCallbackResponse>(logger);
        var thrown = new InvalidOperationException("the database said no");

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => behaviour.Handle(new RecordStkCallbackCommand("{}", "127.0.0.1"),
            (_, _) => throw thrown, CancellationToken.None).AsTask());

        Assert.Same(thrown, caught);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.StartsWith("RecordStkCallbackCommand threw InvalidOperationException after", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("the database said no", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_NoNextHandler_ThrowsArgumentNullException()
    {
        var behaviour = new LoggingBehaviour<RecordStkCallbackCommand, RecordStkCallbackResponse>(
            new RecordingLogger<LoggingBehaviour<RecordStkCallbackCommand, RecordStkCallbackResponse>>());

        await Assert.ThrowsAsync<ArgumentNullException>(() => behaviour.Handle(new RecordStkCallbackCommand("{}", null), null!, CancellationToken.None).AsTask());
    }
}
