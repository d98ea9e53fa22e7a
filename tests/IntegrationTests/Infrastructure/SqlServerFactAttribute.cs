namespace Shield.IntegrationTests.Infrastructure;

/// <summary>A test that needs a real SQL Server: reported as skipped, with the reason, unless SHIELD_TEST_SQLSERVER names one.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SqlServerFactAttribute : FactAttribute
{
    public SqlServerFactAttribute()
    {
        if (TestDatabase.SqlServer is null)
        {
            Skip = "No SQL Server here: set SHIELD_TEST_SQLSERVER to a connection string to run the suite on SQL Server "
                + "(SHIELD_TEST_DATABASE=SqlServer). The SQL Server schema is proven by SqlServerScriptTests meanwhile.";
        }
    }
}
