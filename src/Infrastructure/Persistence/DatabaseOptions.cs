namespace Shield.Infrastructure.Persistence;

/// <summary>Configuration section <c>Database</c>, plus ConnectionStrings:Shield.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";
    public const string ConnectionStringName = "Shield";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Apply pending migrations when the service starts. Off unless set: the web host turns it on in Development
    /// only, and the README explains why production applies migrations separately.
    /// </summary>
    public bool MigrateOnStartup { get; set; }
}
