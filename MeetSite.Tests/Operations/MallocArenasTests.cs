using System.Globalization;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Operations;

/// <summary>
/// glibc's malloc arenas in a real server process. By default glibc gives busy threads arenas of their own (up to 8
/// per core), and in a 30-minute soak the memory outside the GC spread over them grew 25 -> 58 MB; the service unit
/// and `dotnet run`'s launch profile set MALLOC_ARENA_MAX=2 (bench/README.md, "Soak"). glibc reads it only as
/// the process starts, before the runtime's first threads have made their arenas, so it must come from the
/// environment: mallopt() in Main is too late. Each arena besides the main one lives in heaps that glibc maps at
/// 64 MiB-aligned addresses, so /proc/PID/maps shows how many there are.
/// </summary>
public sealed class MallocArenasTests
{
    private const long HeapSize = 64L << 20;

    [Fact]
    public async Task The_shipped_environment_keeps_a_busy_server_to_two_arenas_where_glibc_alone_gives_its_threads_many()
    {
        Assert.True(OperatingSystem.IsLinux(), "The arenas are glibc's: this test runs on Linux.");
        var unit = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "meetsite.service"));
        var launch = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "launchSettings.json"));
        Assert.Contains("\nEnvironment=MALLOC_ARENA_MAX=2\n", unit, StringComparison.Ordinal);
        Assert.Contains("\"MALLOC_ARENA_MAX\": \"2\"", launch, StringComparison.Ordinal);

        var alone = await ArenaHeapsUnderLoadAsync(null);
        var shipped = await ArenaHeapsUnderLoadAsync("2");

        // The count sees glibc's own behaviour: busy threads get arenas of their own.
        Assert.True(alone > 2, $"glibc alone made {alone} arena heaps under the same load; the count should see more than 2");
        // The main arena and one more (whose heap may have grown into a second).
        Assert.True(shipped <= 2, $"With MALLOC_ARENA_MAX=2 the process has {shipped} arena heaps, glibc alone {alone}");
    }

    /// <summary>Starts the site, keeps its threads busy with requests that reach the database, and counts arena heaps.</summary>
    private static async Task<int> ArenaHeapsUnderLoadAsync(string? arenas)
    {
        using var site = await SiteProcess.StartOnOwnSqliteAsync("ops-arenas",
            arenas is null ? null : new Dictionary<string, string?> { ["MALLOC_ARENA_MAX"] = arenas });
        using var http = new HttpClient { BaseAddress = site.BaseUri };
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
            {
                using var ready = await http.GetAsync("/readyz");
                using var home = await http.GetAsync("/");
            }));
        }
        return ArenaHeaps(site.Id);
    }

    /// <summary>Anonymous mappings that start at a 64 MiB boundary and, with the reserved rest after them, span 64 MiB.</summary>
    private static int ArenaHeaps(int pid)
    {
        var regions = File.ReadLines($"/proc/{pid}/maps").Select(line =>
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var range = fields[0].Split('-');
            return (Start: long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                End: long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                Permissions: fields[1], Anonymous: fields.Length < 6);
        }).ToList();
        var heaps = 0;
        for (var i = 0; i < regions.Count; i++)
        {
            var region = regions[i];
            if (region.Start % HeapSize != 0 || !region.Anonymous || !region.Permissions.StartsWith("rw", StringComparison.Ordinal))
            {
                continue;
            }
            var end = region.End;
            for (var j = i + 1; j < regions.Count && regions[j].Start == end && regions[j].Anonymous && regions[j].Permissions.StartsWith("---", StringComparison.Ordinal); j++)
            {
                end = regions[j].End;
            }
            heaps += end - region.Start == HeapSize ? 1 : 0;
        }
        return heaps;
    }
}
