using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace MeetSite.Data;

/// <summary>
/// Opens connections for Dapper's hot-path queries, on the same database as EF Core. Every connection
/// (EF Core's too, through <see cref="SqliteBusyTimeoutInterceptor"/>) waits on a busy database instead of
/// failing with "database is locked".
/// </summary>
public sealed class SqliteConnections(string connectionString)
{
    public const int BusyTimeoutMs = 5000;

    public string ConnectionString { get; } = connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancel = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancel);
        await ApplyBusyTimeoutAsync(connection, cancel);
        return connection;
    }

    internal static async Task ApplyBusyTimeoutAsync(DbConnection connection, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutMs};";
        await command.ExecuteNonQueryAsync(cancel);
    }
}
