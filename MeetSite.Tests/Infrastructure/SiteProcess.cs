using System.Net;
using MeetSite.Tests.Nat;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// The built site as a process of its own (<c>dotnet MeetSite.dll</c>) on a free loopback port, for what two
/// processes must share: nothing in memory, only the database and what is configured.
/// </summary>
internal sealed class SiteProcess : IDisposable
{
    private readonly ChildProcess _process;

    private SiteProcess(ChildProcess process, Uri baseUri) => (_process, BaseUri) = (process, baseUri);

    public Uri BaseUri { get; }

    /// <summary>Starts the site with <paramref name="settings"/> (as <c>Section:Key</c>) and waits until it answers.</summary>
    public static async Task<SiteProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var baseUri = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Identity__Bcrypt__WorkFactor"] = "4",
        };
        foreach (var (key, value) in settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }
        var site = new SiteProcess(
            ChildProcess.Start("dotnet", [NatBed.SiteDll, "--urls", baseUri.ToString()], environment, Path.GetDirectoryName(NatBed.SiteDll)),
            baseUri);
        try
        {
            await site.WaitUntilAnsweringAsync();
            return site;
        }
        catch
        {
            site.Dispose();
            throw;
        }
    }

    public void Dispose() => _process.Dispose();

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            Assert.False(_process.HasExited, $"The site exited before it answered: {_process.Output}");
            Assert.True(DateTime.UtcNow < deadline, $"The site did not answer within 120 s: {_process.Output}");
            try
            {
                if ((await http.GetAsync("/")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the request's timeout.
            }
            await Task.Delay(100);
        }
    }
}
