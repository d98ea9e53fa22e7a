using FluentValidation;
using Mapster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shield.Application.Payments.Common;

namespace Shield.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators and Mapster registers are found by scanning this assembly; handlers are registered by the
    /// mediator's source generator (AddMediator in the composition root). Everything else is explicit.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: false);

        var mapping = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        mapping.Scan(typeof(DependencyInjection).Assembly);
        mapping.Compile();
        services.AddSingleton(mapping);

        services.AddScoped<PaymentWriter>();
        services.AddScoped<CallbackProcessor>();
        services.AddScoped<StkPushSender>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
