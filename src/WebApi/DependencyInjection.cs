using System.Diagnostics;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Formatters;
using Mediator;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Shield.Application.Common.Behaviours;
using Shield.Application.Payments.InitiatePayment;
using Shield.DarajaSimulator;
using Shield.Infrastructure.Mpesa;
using Shield.WebApi.Auth;
using Shield.WebApi.OperatorConsole;
using Shield.WebApi.Contracts;
using Shield.WebApi.Contracts.Json;
using Shield.WebApi.Errors;
using Shield.WebApi.Hosting;
using Shield.WebApi.Observability;
using Shield.WebApi.OpenApi;
using Shield.WebApi.Simulator;

namespace Shield.WebApi;

public static class DependencyInjection
{
    /// <summary>ASP.NET Core Data Protection's start-up work (internal type, so named): Shield protects no data with it.</summary>
    internal const string DataProtectionHostedService = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>The web layer: mediator, controllers, auth, problem details, OpenAPI, health, and the simulator when chosen.</summary>
    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(InitiatePaymentCommand)];
            options.PipelineBehaviors = [typeof(TracingBehaviour<,>), typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });

        services.AddControllers(o =>
            {
                // Shield's request contracts are read strictly, with errors a person understands (ContractJsonInputFormatter);
                // a missing body is reported by it, not as "the request field is required". It is the only body reader:
                // MVC's own JSON formatter would read text/json bodies leniently (strings as numbers, unknown fields
                // ignored), so it is removed and any other content type is a 415.
                o.InputFormatters.RemoveType<SystemTextJsonInputFormatter>();
                o.InputFormatters.Insert(0, new ContractJsonInputFormatter());
                o.ModelBinderProviders.Insert(0, new StrictEnumModelBinder.Provider());
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            })
            .AddJsonOptions(o => o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = RequestProblems.InvalidModelState);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;

            // The framework has no type or title of its own for these two; the other statuses keep RFC 9110's.
            (problem.Type, problem.Title) = problem.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => (problem.Type ?? "https://tools.ietf.org/html/rfc9110#section-15.5.14", problem.Title ?? "Content Too Large"),
                StatusCodes.Status429TooManyRequests => (problem.Type ?? "https://tools.ietf.org/html/rfc6585#section-4", problem.Title ?? "Too Many Requests"),
                _ => (problem.Type, problem.Title),
            };
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
            problem.Extensions.TryAdd("code", ProblemCodes.ForStatus(problem.Status ?? StatusCodes.Status500InternalServerError));
            problem.Detail ??= ProblemCodes.DetailForStatus(problem.Status, context.HttpContext.Request.Method);
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
        // writes) a key ring at start. Only the console's cookies and antiforgery tokens use it, so its key ring is
        // loaded on the first sign-in instead of at every start.
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddShieldConsole(configuration, environment);
        RemoveHostedService(services, DataProtectionHostedService);
        services.AddSingleton<CallbackSecretVerifier>();
        services.AddSingleton<CallbackSourcePolicy>();
        // The callback secret is checked and taken out of the request path as each request is created, before the
        // host's request log or anything else reads the path (CallbackPathRedaction).
        services.AddSingleton<IHttpContextFactory>(sp => new CallbackPathRedaction(new DefaultHttpContextFactory(sp), sp.GetRequiredService<CallbackSecretVerifier>()));

        // A Production host refuses the simulator, published secrets and Daraja over plain http (ADR 0007).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MpesaOptions>, ProductionSettingsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiClientsOptions>, ProductionSettingsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConsoleOptions>, ProductionSettingsValidator>());

        // X-Forwarded-For is believed only from the proxies named in ForwardedHeaders:KnownProxies (none by default,
        // not even loopback), so a caller cannot claim to be Safaricom's address. An entry that is not an address
        // stops the service at start, naming it.
        services.AddOptions<ProxyOptions>().Bind(configuration.GetSection(ProxyOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProxyOptions>, ProxyOptionsValidator>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((o, proxies) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddClientRateLimiting();

        services.AddShieldOpenApi();
        services.AddShieldObservability(configuration);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 64 * 1024);

        // The simulator is registered always (it idles unless mapped) and mapped only in Simulator mode, so the
        // choice is read from the final configuration.
        services.AddSingleton<IDarajaAddresses, SimulatorDarajaAddresses>();
        services.AddDarajaSimulator(o =>
        {
            var mpesa = configuration.GetSection(MpesaOptions.SectionName);
            o.CallbackDelay = configuration.GetValue("Simulator:CallbackDelay", TimeSpan.FromSeconds(2));
            // Read as text: a value that is no strictness is refused at start by the options' validation, in one line.
            var strictness = configuration["Simulator:Strictness"];
            o.Strictness = string.IsNullOrWhiteSpace(strictness) ? DarajaSimulatorStrictness.Documented
                : Enum.TryParse<DarajaSimulatorStrictness>(strictness, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
                : (DarajaSimulatorStrictness)(-1);
            o.ConsumerKey = mpesa["ConsumerKey"] ?? string.Empty;
            o.ConsumerSecret = mpesa["ConsumerSecret"] ?? string.Empty;
            o.BusinessShortCode = mpesa["BusinessShortCode"] ?? o.BusinessShortCode;
            o.Passkey = mpesa["Passkey"] ?? o.Passkey;
            o.InitiatorName = mpesa["Initiator"] ?? o.InitiatorName;
            // What the simulated M-Pesa expects: Shield's own initiator password unless set apart (to play a wrong credential, 2001).
            o.InitiatorPassword = configuration["Simulator:InitiatorPassword"] ?? mpesa["InitiatorPassword"] ?? o.InitiatorPassword;
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
        if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapControllers();
        app.MapShieldConsole();
        app.MapShieldObservability();
        app.MapGet("/", () => Results.Json(new
        {
            name = "Shield Payments API",
            docs = "/docs",
            openApi = "/openapi/v1.json",
            payments = "/api/v1/payments",
            health = "/health/ready",
        })).ExcludeFromDescription().AllowAnonymous();
        app.MapOpenApi();
        var development = app.Environment.IsDevelopment();
        app.MapScalarApiReference("/docs", o =>
        {
            o.WithTitle("Shield Payments API").AddPreferredSecuritySchemes(OpenApiSetup.ApiKeyScheme);
            if (development)
            {
                // The demo client of appsettings.Development.json, so that "Test Request" works at once. Only there:
                // any other environment's key is the operator's, and never appears in a page.
                o.AddApiKeyAuthentication(OpenApiSetup.ApiKeyScheme, key => key.WithValue(OpenApiSetup.DevelopmentApiKey));
            }
        }).AllowAnonymous();
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
}
