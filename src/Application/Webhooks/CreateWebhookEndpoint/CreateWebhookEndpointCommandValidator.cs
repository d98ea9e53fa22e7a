using FluentValidation;
using Shield.Application.Webhooks.Common;
using Shield.Domain.Webhooks;

namespace Shield.Application.Webhooks.CreateWebhookEndpoint;

public sealed class CreateWebhookEndpointCommandValidator : AbstractValidator<CreateWebhookEndpointCommand>
{
    public CreateWebhookEndpointCommandValidator()
    {
        RuleFor(c => c.Url).NotEmpty().WithMessage("Give the URL Shield posts events to.")
            .MaximumLength(WebhookEndpoint.MaxUrlLength).WithMessage($"A URL of at most {WebhookEndpoint.MaxUrlLength} characters.");
        RuleForEach(c => c.EventTypes).Must(t => PublishedEventTypes.All.Contains(t))
            .WithMessage(c => $"Each event type is one of: {string.Join(", ", PublishedEventTypes.All)}.");
        RuleFor(c => c.Description).MaximumLength(WebhookEndpoint.MaxDescriptionLength)
            .WithMessage($"A description of at most {WebhookEndpoint.MaxDescriptionLength} characters.");
    }
}
