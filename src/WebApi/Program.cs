using Shield.Application;
using Shield.Infrastructure;
using Shield.Infrastructure.Persistence;
using Shield.WebApi;
using Shield.WebApi.Hosting;

if (args is ["hash-password", ..])
{
    // Console:Operators:N:PasswordHash for a password typed on standard input (never an argument: shells keep those).
    return Shield.WebApi.OperatorConsole.PasswordHashCommand.Run(args[1..], Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(AppFolder.Options(args));
builder.Configuration.AddSafeDefaults(builder.Environment);
builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration, builder.Environment);

var app = builder.Build();
return await StartupRefusal.RunAsync(app, async () =>
{
    await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    app.UseWebApi();
    await app.RunAsync();
});

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
