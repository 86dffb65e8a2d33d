using System.Data.Common;
using Dapper;
using MeetSite.Data;
using MeetSite.Tests.Infrastructure;
using MeetSite.Tests.Pages.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;

namespace MeetSite.Tests.Data;

public sealed class DataSetupTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task The_site_runs_on_the_provider_this_test_run_names()
    {
        site.CreateClient().Dispose();
        await using var db = await site.Services.GetRequiredService<DbConnections>().OpenAsync();
        using var scope = site.Services.CreateScope();

        Assert.Equal(TestDatabase.OnPostgres, db is NpgsqlConnection);
        Assert.Equal(TestDatabase.OnPostgres, scope.ServiceProvider.GetRequiredService<MeetSiteDb>() is PostgresMeetSiteDb);
    }

    [Theory]
    [InlineData("mysql", null, "Database:Provider is \"mysql\"; it must be \"sqlite\" or \"postgres\"")]
    [InlineData("postgres", "", "Database:Provider is postgres but ConnectionStrings:Postgres is not set")]
    public void A_bad_database_setting_stops_the_site_with_a_message_naming_it(string provider, string? postgres, string message)
    {
        var failure = Record.Exception(() =>
        {
            using var broken = new TestSite(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:Postgres"] = postgres,
            });
            broken.CreateClient().Dispose();
        });

        Assert.NotNull(failure);
        Assert.Contains(message, failure.ToString());
    }

    [Fact]
    public async Task Two_nodes_starting_together_on_a_new_database_migrate_it_once_and_both_serve()
    {
        using var database = TestDatabase.Create();
        var nodes = Enumerable.Range(0, 2).Select(_ => new TestSite(database: database)).ToList();
        try
        {
            var addresses = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.StartOnLoopback())));
            foreach (var address in addresses)
            {
                (await SignalingUser.RegisterAsync(address)).Dispose();
            }
            await using var db = await database.OpenAsync();
            Assert.Equal(2, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM AspNetUsers"));
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_new_database_is_migrated_at_first_start_with_no_error_in_the_log()
    {
        using var log = new FakeLoggerProvider();
        using var first = new TestSite(services: services => services.AddSingleton<ILoggerProvider>(log));
        first.CreateClient().Dispose();
        using var scope = first.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetSiteDb>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var errors = log.Collector.GetSnapshot().Where(entry => entry.Level >= LogLevel.Error).Select(entry => entry.Message).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task A_database_from_an_earlier_version_is_brought_up_to_date_when_the_site_starts()
    {
        using var database = TestDatabase.Create();
        string[] all;
        using (var earlier = new TestSite(database: database))
        {
            earlier.CreateClient().Dispose();
            using var scope = earlier.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<MeetSiteDb>();
            all = [.. db.Database.GetMigrations()];
            Assert.True(all.Length > 1);
            // Back to the first version, as a database from before the later migrations is.
            await db.GetService<IMigrator>().MigrateAsync(all[0]);
            Assert.Equal(all[1..], await db.Database.GetPendingMigrationsAsync());
        }

        using var current = new TestSite(database: database);
        current.CreateClient().Dispose();
        using var after = current.Services.CreateScope();
        var migrated = after.ServiceProvider.GetRequiredService<MeetSiteDb>();

        Assert.Equal(all, await migrated.Database.GetAppliedMigrationsAsync());
        Assert.Equal(0, await migrated.DataProtectionKeys.CountAsync()); // a table of the last migration
    }

    [Fact]
    public async Task A_taken_meeting_code_is_told_apart_from_other_failed_writes_so_only_it_draws_a_new_code()
    {
        using var forms = site.CreateFormClient();
        await forms.RegisterAsync(FormClient.NewEmail());
        var code = await forms.NewMeetingAsync();
        var connections = site.Services.GetRequiredService<DbConnections>();
        await using var db = await connections.OpenAsync();
        var host = await db.ExecuteScalarAsync<string>("SELECT HostUserId FROM Meetings WHERE Code = @code", new { code });

        var taken = await Assert.ThrowsAnyAsync<DbException>(() => db.ExecuteAsync(
            "INSERT INTO Meetings (Code, HostUserId, CreatedAt) VALUES (@code, @host, 0)", new { code, host }));
        var noCode = await Assert.ThrowsAnyAsync<DbException>(() => db.ExecuteAsync(
            "INSERT INTO Meetings (Code, HostUserId, CreatedAt) VALUES (NULL, @host, 0)", new { host }));

        Assert.True(connections.IsUniqueViolation(taken));
        Assert.False(connections.IsUniqueViolation(noCode));
    }

    [SqliteFact]
    public async Task The_sqlite_database_is_in_wal_mode_with_a_busy_timeout()
    {
        site.CreateClient().Dispose();
        var connections = site.Services.GetRequiredService<DbConnections>();
        await using var db = await connections.OpenAsync();

        Assert.Equal("wal", await db.ExecuteScalarAsync<string>("PRAGMA journal_mode;"));
        Assert.Equal(SqliteConnections.BusyTimeoutMs, await db.ExecuteScalarAsync<long>("PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task Concurrent_registrations_and_new_meetings_never_hit_a_locked_database()
    {
        var people = Enumerable.Range(0, 12).Select(async _ =>
        {
            using var client = site.CreateFormClient();
            var registered = await client.RegisterAsync(FormClient.NewEmail());
            Assert.Equal(System.Net.HttpStatusCode.Redirect, registered.StatusCode);
            var codes = new List<string>();
            for (var i = 0; i < 5; i++)
            {
                codes.Add(await client.NewMeetingAsync());
            }
            return codes;
        });

        var codes = (await Task.WhenAll(people)).SelectMany(c => c).ToList();

        Assert.Equal(60, codes.Distinct().Count());
    }
}
