using System.Data.Common;
using Shield.Baseline;
using Shield.Baseline.Callbacks;
using Shield.Baseline.Daraja;
using Shield.Baseline.Data;
using Shield.Baseline.Json;
using Shield.Baseline.Payments;

// The load harness's reference: Shield's HTTP contract and database work, with nothing but minimal APIs and ADO.NET.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 64 * 1024);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, BaselineJsonContext.Default));

var options = BaselineOptions.Read(builder.Configuration);
await using Database db = options.IsPostgres ? new PostgresDatabase(options.ConnectionString) : new SqliteDatabase(options.ConnectionString);
using var daraja = new DarajaClient(options);
var applier = new CallbackApplier(db);
var queries = new PaymentQueries(db, options.ClientId);

var app = builder.Build();
await db.InitializeAsync(app.Lifetime.ApplicationStopping);

new PaymentEndpoints(new SecretHash(options.ApiKey), new Initiation(db, daraja, applier, queries, options.ClientId), queries).Map(app);
new CallbackEndpoint(db, new SecretHash(options.CallbackSecret), applier).Map(app);
app.MapGet("/health/ready", async context =>
{
    try
    {
        await using var connection = await db.OpenAsync(context.RequestAborted);
        await using var command = Database.Command(connection, Shield.Baseline.Data.Sql.Ready);
        await db.ScalarAsync(command, context.RequestAborted);
        await context.Response.WriteAsync("Healthy", context.RequestAborted);
    }
    catch (DbException)
    {
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        await context.Response.WriteAsync("Unhealthy", context.RequestAborted);
    }
});

await app.RunAsync();
