using Npgsql;
using Shield.Infrastructure.Persistence;

namespace Shield.UnitTests.Infrastructure.Persistence;

public sealed class DatabaseInitializerTests
{
    [Fact]
    public void PostgresConnectionString_WithoutAutoPrepare_PreparesFrequentStatements()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseInitializer.PostgresConnectionString("Host=db;Username=shield;Password=x;Database=shield"));

        Assert.Equal(32, built.MaxAutoPrepare);
        Assert.Equal("db", built.Host);
        Assert.Equal("shield", built.Database);
    }

    [Fact]
    public void PostgresConnectionString_OperatorsChoice_IsKept()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseInitializer.PostgresConnectionString("Host=db;Max Auto Prepare=0"));

        Assert.Equal(0, built.MaxAutoPrepare);
    }
}
