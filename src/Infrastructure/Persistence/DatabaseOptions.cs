namespace Shield.Infrastructure.Persistence;

/// <summary>Configuration section <c>Database</c>, plus ConnectionStrings:Shield.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Shield";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the service starts. Convenient locally; see the README for production.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
