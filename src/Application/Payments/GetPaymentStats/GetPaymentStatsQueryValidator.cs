using FluentValidation;

namespace Shield.Application.Payments.GetPaymentStats;

public sealed class GetPaymentStatsQueryValidator : AbstractValidator<GetPaymentStatsQuery>
{
    public GetPaymentStatsQueryValidator()
    {
        RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("The range ends after it starts.");
        RuleFor(q => q.To).Must((q, to) => to - q.From <= TimeSpan.FromDays(GetPaymentStatsQuery.MaxDays))
            .WithMessage($"The range is at most {GetPaymentStatsQuery.MaxDays} days.");
        RuleFor(q => q.UtcOffset).Must(o => o is null || (o.Value.Ticks % TimeSpan.TicksPerMinute == 0 && o.Value.Duration() <= TimeSpan.FromHours(14)))
            .WithMessage("The offset is whole minutes, from -14:00 to +14:00.");
    }
}
