using System.Net;
using MeetSite.Operations;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace MeetSite.Tests.Operations;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_and_readyz_answer_without_a_log_in_and_say_nothing_but_healthy()
    {
        using var site = new TestSite();
        using var http = site.CreateClient();

        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            using var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Readyz_is_unavailable_while_the_database_cannot_be_opened_and_ready_again_once_it_can()
    {
        using var site = new TestSite();
        using var http = site.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
        site.Database.TakeAway();
        try
        {
            using var notReady = await http.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            // Only the word: no path, no exception, nothing about the database.
            Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync());
            if (site.Database.SqliteFile is { } file)
            {
                Assert.False(File.Exists(file), "the check must not create an empty database in its place");
            }
            // Alive all the same: a restart would not bring the database back.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            site.Database.BringBack();
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task A_draining_process_is_not_ready()
    {
        using var lifetime = new Lifetime();
        var check = new DrainHealthCheck(lifetime);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        lifetime.Stopping.Cancel(); // what SIGTERM does first

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private sealed class Lifetime : IHostApplicationLifetime, IDisposable
    {
        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();

        public void Dispose() => Stopping.Dispose();
    }
}
