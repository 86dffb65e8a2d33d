using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace MeetSite.Data;

public static class DataSetup
{
    /// <summary>
    /// The database that <c>Database:Provider</c> names. SQLite: <c>ConnectionStrings:MeetSite</c>, where a
    /// relative file name is placed in the app's content root, so the default database sits beside the app.
    /// Postgres: <c>ConnectionStrings:Postgres</c>, one pooled data source shared by EF Core and Dapper.
    /// </summary>
    public static IServiceCollection AddMeetSiteData(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        if (DatabaseOptions.From(configuration).Provider == DatabaseOptions.Postgres)
        {
            var postgres = configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(postgres))
            {
                throw new InvalidOperationException("Database:Provider is postgres but ConnectionStrings:Postgres is not set.");
            }
            // A factory registration, so the container disposes the data source (and its pool) with the host.
            services.AddSingleton(_ => NpgsqlDataSource.Create(postgres));
            services.AddSingleton<DbConnections, PostgresConnections>();
            services.AddDbContext<MeetSiteDb, PostgresMeetSiteDb>((provider, options) =>
                options.UseNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
            return services;
        }
        var connectionString = ResolveConnectionString(configuration, environment.ContentRootPath);
        services.AddSingleton<DbConnections>(new SqliteConnections(connectionString));
        services.AddDbContext<MeetSiteDb>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteBusyTimeoutInterceptor()));
        return services;
    }

    /// <summary>
    /// Applies the checked-in migrations of the configured provider. On Postgres, nodes that start together
    /// take turns through a session advisory lock: EF Core's own migration lock on Npgsql lasts one
    /// migration's transaction, so with several pending migrations two nodes could interleave and apply
    /// one twice. On SQLite it turns on WAL, a property of the file, so once is enough.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetSiteDb>();
        if (db.Database.IsSqlite())
        {
            await MigrateAsync(db);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            return;
        }
        await using var turn = await app.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", turn))
        {
            await take.ExecuteNonQueryAsync();
        }
        try
        {
            await MigrateAsync(db);
        }
        finally
        {
            await using var give = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", turn);
            await give.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Any fixed number: the advisory lock that start-up migrations on Postgres queue on.</summary>
    private const long MigrationLockKey = 0x4D65657453697465; // "MeetSite"

    /// <summary>
    /// Makes the migrations' history table first, then migrates. On a new Postgres database, EF Core's
    /// <c>MigrateAsync</c> reads the history table before it makes it, and the provider logs each of those
    /// failed reads as an error: two <c>fail:</c> lines at every first start.
    /// </summary>
    private static async Task MigrateAsync(MeetSiteDb db)
    {
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
        await db.Database.MigrateAsync();
    }

    internal static string ResolveConnectionString(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetConnectionString("MeetSite") ?? "Data Source=meetsite.db";
        var builder = new SqliteConnectionStringBuilder(configured);
        var isFile = !string.IsNullOrEmpty(builder.DataSource)
            && builder.DataSource != ":memory:"
            && builder.Mode != SqliteOpenMode.Memory;
        if (isFile && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        return builder.ToString();
    }
}
