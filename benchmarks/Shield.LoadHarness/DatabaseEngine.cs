namespace Shield.LoadHarness;

internal enum DatabaseEngine
{
    Sqlite,
    Postgres,
}
