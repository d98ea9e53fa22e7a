using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.InitiatePayment;
using Shield.DarajaSimulator;
using Shield.Infrastructure.Mpesa;
using Shield.WebApi.Auth;
using Shield.WebApi.Errors;
using Shield.WebApi.Simulator;

namespace Shield.WebApi;

public static class DependencyInjection
{
    /// <summary>ASP.NET Core Data Protection's start-up work (internal type, so named): Shield protects no data with it.</summary>
    internal const string DataProtectionHostedService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>The web layer: mediator, controllers, auth, problem details, OpenAPI, health, and the simulator when chosen.</summary>
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(InitiatePaymentCommand)];
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });

        services.AddControllers()
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = InvalidModelState);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(problem.Status ?? StatusCodes.Status500InternalServerError));
            problem.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<ValidationExceptionHandler>();
        services.AddExceptionHandler<InfrastructureExceptionHandler>();

        services.AddOptions<ApiClientsOptions>()
            .Configure(o => configuration.GetSection(ApiClientsOptions.SectionName).Bind(o.Clients))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiClientsOptions>, ApiClientsOptionsValidator>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // AddAuthentication brings ASP.NET Core Data Protection, whose hosted service loads (and on a fresh machine
        // writes) a key ring at start. Nothing here protects data (no cookies, no antiforgery), so it is not started.
        RemoveHostedService(services, DataProtectionHostedService);
        services.AddAuthorization();
        services.AddSingleton<CallbackSecretVerifier>();
        services.AddSingleton<CallbackSourcePolicy>();

        // X-Forwarded-For is believed only from the proxies named in ForwardedHeaders:KnownProxies (none by default,
        // not even loopback), so a caller cannot claim to be Safaricom's address.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddClientRateLimiting();

        services.AddOpenApi();
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 64 * 1024);

        // The simulator is registered always (it idles unless mapped) and mapped only in Simulator mode, so the
        // choice is read from the final configuration.
        services.AddSingleton<IDarajaAddresses, SimulatorDarajaAddresses>();
        services.AddDarajaSimulator(o =>
        {
            var mpesa = configuration.GetSection(MpesaOptions.SectionName);
            o.CallbackDelay = configuration.GetValue("Simulator:CallbackDelay", TimeSpan.FromSeconds(2));
            o.Strictness = configuration.GetValue("Simulator:Strictness", DarajaSimulatorStrictness.Documented);
            o.ConsumerKey = mpesa["ConsumerKey"] ?? string.Empty;
            o.ConsumerSecret = mpesa["ConsumerSecret"] ?? string.Empty;
            o.BusinessShortCode = mpesa["BusinessShortCode"] ?? o.BusinessShortCode;
            o.Passkey = mpesa["Passkey"] ?? o.Passkey;
            o.InitiatorName = mpesa["Initiator"] ?? o.InitiatorName;
            o.InitiatorPassword = mpesa["InitiatorPassword"] ?? o.InitiatorPassword;
        });

        // In Simulator mode, Transaction Status encrypts with the simulator's certificate unless one is configured.
        // The certificate (a fresh RSA 2048 key) is made only then: Sandbox and Production never pay for it at start.
        services.AddOptions<MpesaOptions>().PostConfigure<IServiceProvider>((mpesa, provider) =>
        {
            if (mpesa.Environment == MpesaEnvironment.Simulator && string.IsNullOrEmpty(mpesa.CertificatePath))
            {
                mpesa.CertificatePath = provider.GetRequiredService<DarajaSimulatorCertificate>().CertificateFile;
            }
        });

        return services;
    }

    /// <summary>The request pipeline, in order.</summary>
    public static WebApplication UseWebApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Empty KnownProxies would mean "trust every proxy" to the middleware, so without configured proxies it is not used.
        if (app.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapControllers();
        app.MapOpenApi();
        app.MapScalarApiReference("/docs", o => o.WithTitle("Shield Payments API")).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

        if (UsesSimulator(app.Configuration))
        {
            app.MapDarajaSimulator(SimulatorDarajaAddresses.Prefix);
        }

        return app;
    }

    /// <summary>Removes a framework hosted service by its type's name, and fails loudly if a framework update renamed it.</summary>
    private static void RemoveHostedService(IServiceCollection services, string implementationTypeName)
    {
        var registration = services.SingleOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == implementationTypeName)
            ?? throw new InvalidOperationException($"No hosted service {implementationTypeName} to remove: did ASP.NET Core rename it?");
        services.Remove(registration);
    }

    private static bool UsesSimulator(IConfiguration configuration) =>
        configuration.GetSection(MpesaOptions.SectionName).GetValue(nameof(MpesaOptions.Environment), MpesaEnvironment.Sandbox) == MpesaEnvironment.Simulator;

    private static BadRequestObjectResult InvalidModelState(ActionContext context)
    {
        var malformed = context.ModelState.Keys.Any(k => k.StartsWith('$')) || context.ModelState.ContainsKey("request");
        var factory = context.HttpContext.RequestServices.GetRequiredService<ProblemDetailsFactory>();
        var problem = factory.CreateValidationProblemDetails(context.HttpContext, context.ModelState, StatusCodes.Status400BadRequest,
            detail: malformed ? "The body is not valid JSON for this request." : "Check the fields named in errors.");
        problem.Extensions["code"] = malformed ? ProblemCodes.MalformedJson : ProblemCodes.ValidationFailed;
        return new BadRequestObjectResult(problem) { ContentTypes = { "application/problem+json" } };
    }
}
