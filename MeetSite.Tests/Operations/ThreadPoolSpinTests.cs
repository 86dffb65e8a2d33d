using System.Text.Json;

namespace MeetSite.Tests.Operations;

/// <summary>
/// Idle thread-pool workers of the site sleep at once instead of spinning: at 8k and 16k relayed messages a second
/// the runtime's default spin cost about a third of the site's CPU (bench/README.md, "CPU: idle workers no longer
/// spin"). It is a build item that lands in MeetSite.runtimeconfig.json, read by the runtime wherever the site is
/// deployed, so this reads the file the build wrote beside MeetSite.dll.
/// </summary>
public sealed class ThreadPoolSpinTests
{
    [Fact]
    public void The_site_as_built_tells_idle_thread_pool_workers_not_to_spin()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "MeetSite.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spin),
            $"{path} does not set System.Threading.ThreadPool.UnfairSemaphoreSpinLimit: the runtime's default spin applies");
        Assert.Equal(0, spin.GetInt32());
    }
}
