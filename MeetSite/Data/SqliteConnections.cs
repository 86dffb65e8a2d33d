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

    public override bool IsUniqueViolation(DbException failure) =>
        failure is SqliteException { SqliteExtendedErrorCode: UniqueConstraintFailed };

    internal static async Task ApplyBusyTimeoutAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs};";
        await command.ExecuteNonQueryAsync(cancel);
    }
}
