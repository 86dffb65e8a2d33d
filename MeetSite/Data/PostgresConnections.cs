using System.Data.Common;
using Npgsql;

namespace MeetSite.Data;

/// <summary>Postgres connections from the one pooled data source that EF Core uses too.</summary>
public sealed class PostgresConnections(NpgsqlDataSource dataSource) : DbConnections
{
    public override async Task<DbConnection> OpenAsync(CancellationToken cancel = default) =>
        await dataSource.OpenConnectionAsync(cancel);

    public override bool IsUniqueViolation(DbException failure) =>
        failure is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
