namespace Shield.Infrastructure.Persistence;

/// <summary>The value of Database:Provider.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    Postgres,
}
