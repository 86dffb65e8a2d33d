using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MeetSite.Data;

public static class DataSetup
{
    /// <summary>
    /// SQLite from <c>ConnectionStrings:MeetSite</c> (env: <c>ConnectionStrings__MeetSite</c>). A relative
    /// file name is placed in the app's content root, so the default database sits beside the app.
    /// </summary>
    public static IServiceCollection AddMeetSiteData(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var connectionString = ResolveConnectionString(configuration, environment.ContentRootPath);
        services.AddSingleton(new SqliteConnections(connectionString));
        services.AddDbContext<MeetSiteDb>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqliteBusyTimeoutInterceptor()));
        return services;
    }

    /// <summary>Applies the checked-in migrations and turns on WAL (a property of the file, so once is enough).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetSiteDb>();
        await db.Database.MigrateAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
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
