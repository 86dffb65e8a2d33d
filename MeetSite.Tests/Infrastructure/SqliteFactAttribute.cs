namespace MeetSite.Tests.Infrastructure;

/// <summary>A test of something only SQLite has (a pragma, a file), skipped in the Postgres pass.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.OnPostgres)
        {
            Skip = "SQLite only; this run's databases are Postgres (MEETSITE_TEST_DATABASE=postgres).";
        }
    }
}
