using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// An empty database of its own for a test site, on the provider that <c>MEETSITE_TEST_DATABASE</c> names:
/// <c>sqlite</c> (the default, a temporary file) or <c>postgres</c> (a new, empty database on the run's
/// <see cref="PostgresServer"/>, as the README asks an operator to make). The site migrates it at start, as a
/// real node does.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string? _sqliteFile;
    private readonly string? _postgresName;

    private TestDatabase(string? sqliteFile, string? postgresName)
    {
        _sqliteFile = sqliteFile;
        _postgresName = postgresName;
        Settings = sqliteFile is not null
            ? new Dictionary<string, string?>
            {
                ["Database:Provider"] = "sqlite",
                ["ConnectionStrings:MeetSite"] = $"Data Source={sqliteFile}",
            }
            : new Dictionary<string, string?>
            {
                ["Database:Provider"] = "postgres",
                ["ConnectionStrings:Postgres"] = PostgresServer.Instance.ConnectionString(postgresName!),
            };
    }

    /// <summary>Whether this test run's databases are Postgres ones.</summary>
    public static bool OnPostgres { get; } = Environment.GetEnvironmentVariable("MEETSITE_TEST_DATABASE") switch
    {
        null or "" or "sqlite" => false,
        "postgres" => true,
        var other => throw new InvalidOperationException($"MEETSITE_TEST_DATABASE is \"{other}\"; it must be sqlite or postgres."),
    };

    /// <summary>The database's file when it is a SQLite one, else null.</summary>
    public string? SqliteFile => _sqliteFile;

    /// <summary>The settings that point a site at this database.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static TestDatabase Create()
    {
        if (!OnPostgres)
        {
            return new TestDatabase(SqliteFiles.NewPath("meetsite-test"), null);
        }
        var name = $"meetsite_test_{Guid.NewGuid():N}";
        Administer($"CREATE DATABASE {name} STRATEGY = FILE_COPY"); // faster than WAL_LOG for a small database
        return new TestDatabase(null, name);
    }

    /// <summary>A connection of the test's own, for a database that a site in another process uses.</summary>
    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = _sqliteFile is not null
            ? new SqliteConnection(Settings["ConnectionStrings:MeetSite"])
            : new NpgsqlConnection(Settings["ConnectionStrings:Postgres"]);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Makes the database unreachable for new connections (a SQLite file moved aside; a Postgres
    /// database that refuses connections, its open ones ended) until <see cref="BringBack"/>.</summary>
    public void TakeAway()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            File.Move(_sqliteFile, _sqliteFile + ".aside");
            return;
        }
        Administer($"ALTER DATABASE {_postgresName} WITH ALLOW_CONNECTIONS false");
        Administer($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_postgresName}'");
    }

    public void BringBack()
    {
        if (_sqliteFile is not null)
        {
            File.Move(_sqliteFile + ".aside", _sqliteFile);
            return;
        }
        Administer($"ALTER DATABASE {_postgresName} WITH ALLOW_CONNECTIONS true");
    }

    public void Dispose()
    {
        if (_sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            SqliteFiles.Delete(_sqliteFile);
            return;
        }
        Administer($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)");
    }

    private static void Administer(string statement)
    {
        using var admin = new NpgsqlConnection(PostgresServer.Instance.ConnectionString("postgres"));
        admin.Open();
        using var command = admin.CreateCommand();
        command.CommandText = statement;
        command.ExecuteNonQuery();
    }
}
