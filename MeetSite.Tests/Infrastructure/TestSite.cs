using MeetSite.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// The whole site in-process on its own <see cref="TestDatabase"/> (or one it shares with another site), with a
/// cheap bcrypt cost so tests stay fast.
/// <see cref="StartOnLoopback"/> puts it on a real Kestrel port (127.0.0.1) for WebSocket and browser tests.
/// </summary>
public class TestSite : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase;

    /// <param name="services">Test-only services on top of the site's, e.g. a probe at the start of the pipeline.</param>
    /// <param name="database">Another site's database, as a second node or a restarted process would use; by
    /// default a new one that this site removes when it is disposed.</param>
    public TestSite(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, TestDatabase? database = null)
    {
        _services = services;
        _ownsDatabase = database is null;
        Database = database ?? TestDatabase.Create();
        _settings = new Dictionary<string, string?>(Defaults);
        foreach (var (key, value) in Database.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            _settings[key] = value;
        }
    }

    /// <summary>What every test site runs with (a site in a child process too, see <see cref="SiteProcess"/>).</summary>
    public static readonly IReadOnlyDictionary<string, string?> Defaults = new Dictionary<string, string?>
    {
        ["Identity:Bcrypt:WorkFactor"] = "4",
        ["RateLimits:Login:PermitsPerMinute"] = "10000",
        // Every test client is 127.0.0.1: tests of these limits set small ones of their own.
        ["RateLimits:Joins:PerAccount"] = "10000",
        ["RateLimits:Joins:PerAddress"] = "10000",
        ["RateLimits:Joins:ConnectionsPerAccount"] = "1000",
        ["RateLimits:CodeLookups:MissesPerAccount"] = "10000",
        ["RateLimits:CodeLookups:MissesPerAddress"] = "10000",
        ["RateLimits:Login:AddressFreeFailures"] = "10000",
        ["RateLimits:Register:PermitsPerHour"] = "10000",
    };

    public TestDatabase Database { get; }

    /// <summary>
    /// Starts Kestrel on loopback, on <paramref name="port"/> or else a free one, and returns the site's base
    /// address, e.g. http://127.0.0.1:41234.
    /// </summary>
    public Uri StartOnLoopback(int port = 0)
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address);
    }

    /// <summary>The password hash stored for an account, straight from the database.</summary>
    public async Task<string> StoredHashAsync(string email)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetSiteDb>();
        return (await db.Users.SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant())).PasswordHash!;
    }

    /// <summary>A cookie-keeping client that does not follow redirects, so tests can assert on them.</summary>
    public FormClient CreateFormClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (_ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
