using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Operations;

/// <summary>
/// The site runs the Workstation GC, not the Server GC that ASP.NET Core's SDK picks by default: under the sustained
/// relay load it held 195-197 MB against 229-259 MB with the same latency (bench/README.md, "Memory"). The choice is
/// a build property that lands in MeetSite.runtimeconfig.json, so this starts the built site as deployed and looks
/// at the threads the runtime made: the Server GC names its own ".NET Server GC" threads.
/// </summary>
public sealed class GarbageCollectorTests
{
    [Fact]
    public async Task The_site_as_built_runs_the_workstation_gc_where_the_sdk_default_would_start_server_gc_threads()
    {
        Assert.True(OperatingSystem.IsLinux(), "Thread names are read from /proc: this test runs on Linux.");

        var shipped = await ServerGcThreadsAsync(null);
        var serverGc = await ServerGcThreadsAsync("1");

        // The probe sees the Server GC when it runs (the SDK's default, forced here by the environment).
        Assert.True(serverGc > 0, "With DOTNET_gcServer=1 the site should have '.NET Server GC' threads; the probe found none");
        Assert.Equal(0, shipped);
    }

    private static async Task<int> ServerGcThreadsAsync(string? gcServer)
    {
        using var site = await SiteProcess.StartOnOwnSqliteAsync("ops-gc",
            gcServer is null ? null : new Dictionary<string, string?> { ["DOTNET_gcServer"] = gcServer });
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        using var ready = await http.GetAsync("/readyz");
        ready.EnsureSuccessStatusCode();
        return Directory.GetDirectories($"/proc/{site.Id}/task")
            .Count(task => File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ".NET Server GC");
    }
}
