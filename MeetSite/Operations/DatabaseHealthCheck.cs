using System.Data.Common;
using MeetSite.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetSite.Operations;

/// <summary>The database answers a query on the schema, over a connection that shows whether it answers now.</summary>
internal sealed class DatabaseHealthCheck(DbConnections connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenForHealthCheckAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM \"__EFMigrationsHistory\";";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
