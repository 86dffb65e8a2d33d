using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace MeetSite.Data;

/// <summary>
/// SQLite connections. Every connection (EF Core's too, through <see cref="SqliteBusyTimeoutInterceptor"/>)
/// waits on a busy database instead of failing with "database is locked".
/// </summary>
public sealed class SqliteConnections(string connectionString) : DbConnections
{
    public const int BusyTimeoutMs = 5000;

    private const int UniqueConstraintFailed = 2067;

    public string ConnectionString { get; } = connectionString;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancel = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancel);
        await ApplyBusyTimeoutAsync(connection, cancel);
        return connection;
    }

    /// <summary>Not pooled (a pooled connection keeps a file that was moved or deleted), and never creating a
    /// missing file as the site's own connections would.</summary>
    public override async Task<DbConnection> OpenForHealthCheckAsync(CancellationToken cancel = default)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString)
        {
            Pooling = false,
            Mode = SqliteOpenMode.ReadWrite,
            DefaultTimeout = 5,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancel);
            await ApplyBusyTimeoutAsync(connection, cancel);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override bool IsUniqueViolation(DbException failure) =>
        failure is SqliteException { SqliteExtendedErrorCode: UniqueConstraintFailed };

    internal static async Task ApplyBusyTimeoutAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs};";
        await command.ExecuteNonQueryAsync(cancel);
    }
}
