using System.Data.Common;

namespace MeetSite.Data;

/// <summary>
/// Opens connections for Dapper's hot-path queries, on the same database as EF Core, whichever provider
/// <c>Database:Provider</c> names. The queries are written once in SQL that SQLite and Postgres both run.
/// </summary>
public abstract class DbConnections
{
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancel = default);

    /// <summary>A connection for a health check: one that shows whether the database answers now.</summary>
    public virtual Task<DbConnection> OpenForHealthCheckAsync(CancellationToken cancel = default) => OpenAsync(cancel);

    /// <summary>Whether a failed statement broke a unique index (a value that must be unique was taken).</summary>
    public abstract bool IsUniqueViolation(DbException failure);
}
