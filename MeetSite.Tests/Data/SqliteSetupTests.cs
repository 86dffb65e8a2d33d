using Dapper;
using MeetSite.Data;
using MeetSite.Tests.Infrastructure;
using MeetSite.Tests.Pages.Account;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Data;

public sealed class SqliteSetupTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    [Fact]
    public async Task The_database_is_in_wal_mode_with_a_busy_timeout()
    {
        site.CreateClient().Dispose();
        var connections = site.Services.GetRequiredService<SqliteConnections>();
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
