using Microsoft.Extensions.Configuration;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Contracts;
using Shield.Application;
using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.InitiatePayment;
using Shield.Domain.Common;

namespace Shield.UnitTests.Application.Common.Behaviours;

public sealed class ValidationBehaviourTests
{
    private readonly ValidationBehaviour<InitiatePaymentCommand, Result<PaymentOutcome>> _behaviour =
        new([new InitiatePaymentCommandValidator(Options.Create(new PaymentOptions()))]);

    private int _nextCalls;

    private ValueTask<Result<PaymentOutcome>> Next(InitiatePaymentCommand message, CancellationToken cancellationToken)
    {
        _nextCalls++;
        return ValueTask.FromResult<Result<PaymentOutcome>>(Error.Conflict("from_handler", "handled"));
    }

    [Fact]
    public async Task Handle_InvalidMessage_ThrowsWithFieldErrorsAndSkipsHandler()
    {
        var command = new InitiatePaymentCommand(new ClientId("client-a"), "0812345678", 0, "INV-001", null, null);

        var exception = await Assert.ThrowsAsync<ValidationException>(() => _behaviour.Handle(command, Next, CancellationToken.None).AsTask());

        Assert.Equal(0, _nextCalls);
        Assert.Equal(
            [nameof(InitiatePaymentCommand.Amount), nameof(InitiatePaymentCommand.PhoneNumber)],
            exception.Errors.Select(e => e.PropertyName).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Handle_ValidMessage_CallsHandlerOnceAndReturnsItsResponse()
    {
        var command = new InitiatePaymentCommand(new ClientId("client-a"), "0708374149", 10, "INV-001", null, null);

        var response = await _behaviour.Handle(command, Next, CancellationToken.None);

        Assert.Equal(1, _nextCalls);
        Assert.Equal("from_handler", response.Error?.Code);
    }

    [Fact]
    public async Task Handle_ValidatorsAsAddApplicationRegistersThem_RefuseBadInput()
    {
        var services = new ServiceCollection().AddApplication(new ConfigurationBuilder().Build());
        services.AddOptions<PaymentOptions>();
        using var provider = services.BuildServiceProvider();
        var behaviour = new ValidationBehaviour<InitiatePaymentCommand, Result<PaymentOutcome>>(
            provider.GetServices<IValidator<InitiatePaymentCommand>>());
        var command = new InitiatePaymentCommand(new ClientId("client-a"), "0812345678", 10, "INV-001", null, null);

        var exception = await Assert.ThrowsAsync<ValidationException>(() => behaviour.Handle(command, Next, CancellationToken.None).AsTask());

        Assert.Equal(0, _nextCalls);
        Assert.Equal(nameof(InitiatePaymentCommand.PhoneNumber), Assert.Single(exception.Errors).PropertyName);
    }

    [Fact]
    public async Task Handle_NoNextHandler_ThrowsArgumentNullException()
    {
        var command = new InitiatePaymentCommand(new ClientId("client-a"), "0708374149", 10, "INV-001", null, null);

        await Assert.ThrowsAsync<ArgumentNullException>(() => _behaviour.Handle(command, null!, CancellationToken.None).AsTask());
    }
}
