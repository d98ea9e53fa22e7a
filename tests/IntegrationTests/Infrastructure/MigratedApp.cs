using Microsoft.Extensions.DependencyInjection;
using Shield.Domain.Payments;
using Shield.Infrastructure.Persistence;

namespace Shield.IntegrationTests.Infrastructure;

/// <summary>One default host per test class, started so its migrations are applied, for tests that store aggregates directly.</summary>
public sealed class MigratedApp : IAsyncLifetime
{
    public ShieldApp App { get; } = new();

    public Task InitializeAsync()
    {
        App.Anonymous().Dispose(); // start the host: migrations applied
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Stores new payments as they are, in one SaveChanges, bypassing the API.</summary>
    public async Task SaveAsync(params Payment[] payments)
    {
        await using var scope = App.Scope();
        var db = scope.ServiceProvider.GetRequiredService<ShieldDbContext>();
        db.Payments.AddRange(payments);
        await db.SaveChangesAsync();
    }
}
