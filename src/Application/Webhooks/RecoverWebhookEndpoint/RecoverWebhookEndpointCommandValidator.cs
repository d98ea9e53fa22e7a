using FluentValidation;

namespace Shield.Application.Webhooks.RecoverWebhookEndpoint;

public sealed class RecoverWebhookEndpointCommandValidator : AbstractValidator<RecoverWebhookEndpointCommand>
{
    public RecoverWebhookEndpointCommandValidator() =>
        RuleFor(c => c.Since).NotNull().WithMessage("Say since when failed deliveries are sent again (an ISO 8601 time).");
}
