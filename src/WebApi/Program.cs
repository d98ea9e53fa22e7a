using Shield.Application;
using Shield.Infrastructure;
using Shield.Infrastructure.Persistence;
using Shield.WebApi;

// The slim builder leaves out IIS integration, HTTP/3 and the Debug and EventSource loggers, which Shield does not use
// (6 fewer assemblies, 3-4 MB less resident memory; docs/performance.md). HTTPS endpoints from configuration still work.
var builder = WebApplication.CreateSlimBuilder(args);
builder.WebHost.UseKestrelHttpsConfiguration();
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration);

var app = builder.Build();
await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
app.UseWebApi();
await app.RunAsync();

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
