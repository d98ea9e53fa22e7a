using FluentValidation;
using Mapster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Shield.Application.Common;
using Shield.Application.Common.Callbacks;
using Shield.Application.Common.Events;
using Shield.Application.Common.Telemetry;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.ReconcilePendingAttempts;
using Shield.Application.Refunds.Common;
using Shield.Application.Webhooks.Common;

namespace Shield.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Validators and Mapster registers are found by scanning this assembly; command and query handlers are registered
    /// by the mediator's source generator (AddMediator in the composition root), event handlers by
    /// <see cref="AddEventHandlers"/>. Application's own options are bound here. Everything else is explicit.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: false);

        var mapping = new TypeAdapterConfig { RequireExplicitMapping = true, RequireDestinationMemberSource = true };
        mapping.Scan(typeof(DependencyInjection).Assembly);
        mapping.Compile();
        services.AddSingleton(mapping);

        services.AddOptions<PaymentOptions>().Bind(configuration.GetSection(PaymentOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.MinAmount <= o.MaxAmount, "Payments:MinAmount must not be above Payments:MaxAmount.")
            .ValidateOnStart();
        services.AddOptions<ReconciliationOptions>().Bind(configuration.GetSection(ReconciliationOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName))
            .Validate(o => o.SecretRotationGrace >= TimeSpan.Zero && o.DisableAfter > TimeSpan.Zero && o.EventRetention > TimeSpan.Zero && o.MaxEndpointsPerClient > 0,
                "Webhooks:SecretRotationGrace is not negative; Webhooks:DisableAfter, Webhooks:EventRetention and Webhooks:MaxEndpointsPerClient are above zero.")
            .ValidateOnStart();

        services.AddOptions<RefundOptions>().Bind(configuration.GetSection(RefundOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddScoped<PaymentWriter>();
        services.AddScoped<CallbackProcessor>();
        services.AddScoped<ICallbackApplier>(provider => provider.GetRequiredService<CallbackProcessor>());
        services.AddScoped<StkPushSender>();
        services.AddScoped<ReconciliationPass>();
        services.AddScoped<AttemptReconciler>();
        services.AddScoped<StrayCallbackMatcher>();
        services.AddSingleton<IEventJournal, PaymentEventJournal>();
        services.AddSingleton<IEventDelivery, PaymentEventDelivery>();

        services.AddScoped<RefundWriter>();
        services.AddScoped<ReversalSender>();
        services.AddScoped<ReversalCallbackProcessor>();
        services.AddScoped<ICallbackApplier>(provider => provider.GetRequiredService<ReversalCallbackProcessor>());
        services.AddSingleton<IEventJournal, RefundEventJournal>();
        services.AddSingleton<IEventDelivery, RefundEventDelivery>();
        services.TryAddSingleton<TimeProvider>(new MillisecondClock(TimeProvider.System));
        // IMeterFactory comes from the host (every .NET host registers it).
        services.TryAddSingleton<ShieldMetrics>();
        return services.AddEventHandlers(typeof(DependencyInjection).Assembly);
    }

    /// <summary>
    /// Registers every <see cref="IEventHandler{TEvent}"/> implemented in <paramref name="assembly"/> (scoped, one per
    /// event type it handles): a new module's handlers are found the way its command handlers are.
    /// </summary>
    public static IServiceCollection AddEventHandlers(this IServiceCollection services, System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }))
        {
            foreach (var handled in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEventHandler<>)))
            {
                services.TryAddEnumerable(ServiceDescriptor.Scoped(handled, type));
            }
        }

        return services;
    }
}
