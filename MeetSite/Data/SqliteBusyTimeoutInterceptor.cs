using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MeetSite.Data;

/// <summary>Gives EF Core's connections the same busy timeout as Dapper's.</summary>
internal sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteConnections.ApplyBusyTimeoutAsync(connection, CancellationToken.None).GetAwaiter().GetResult();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        SqliteConnections.ApplyBusyTimeoutAsync(connection, cancellationToken);
}
