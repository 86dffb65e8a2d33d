using MeetSite.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetSite.Operations;

/// <summary>
/// The database answers a query on the schema, over a connection of its own: not pooled (a pooled one
/// keeps a file that was moved or deleted), and never creating a missing file as the site's own would.
/// </summary>
internal sealed class DatabaseHealthCheck(SqliteConnections connections) : IHealthCheck
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder(connections.ConnectionString)
    {
        Pooling = false,
        Mode = SqliteOpenMode.ReadWrite,
        DefaultTimeout = 5,
    }.ToString();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await SqliteConnections.ApplyBusyTimeoutAsync(connection, cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM __EFMigrationsHistory;";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (SqliteException e)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
