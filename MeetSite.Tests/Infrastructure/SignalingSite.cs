using MeetSite.Signaling;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// A <see cref="TestSite"/> on loopback with the relay's timers shrunk so grace and hold paths run in
/// seconds. Usable as an xunit class fixture, or built per test with more settings.
/// </summary>
public sealed class SignalingSite : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string?> FastTimers = new Dictionary<string, string?>
    {
        ["Signaling:GracePeriod"] = "00:00:03",
        ["Signaling:LongPollHold"] = "00:00:01",
        // Room for a first join's database reads on a busy machine: on Postgres each is a round trip to
        // another process.
        ["Signaling:JoinTimeout"] = "00:00:03",
        ["Signaling:CloseTimeout"] = "00:00:01",
    };

    public SignalingSite() : this(null, null, null)
    {
    }

    private SignalingSite(IDictionary<string, string?>? settings, TestDatabase? database, Action<IServiceCollection>? services)
    {
        var all = new Dictionary<string, string?>(FastTimers);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        Site = new TestSite(all, services, database);
        try
        {
            BaseUri = Site.StartOnLoopback();
        }
        catch
        {
            Site.Dispose(); // a site that fails to start (a bad setting) leaves no database file behind
            throw;
        }
    }

    /// <summary>
    /// A site of its own with <paramref name="settings"/> on top of the fast timers, optionally on an
    /// existing database and with test-only <paramref name="services"/>.
    /// </summary>
    public static SignalingSite With(IDictionary<string, string?>? settings, TestDatabase? database = null, Action<IServiceCollection>? services = null) =>
        new(settings, database, services);

    public TestSite Site { get; }

    public Uri BaseUri { get; }

    public RoomRegistry Rooms => Site.Services.GetRequiredService<RoomRegistry>();

    public OpenTransports Transports => Site.Services.GetRequiredService<OpenTransports>();

    public LongPollSessions Sessions => Site.Services.GetRequiredService<LongPollSessions>();

    public Task<SignalingUser> UserAsync(string displayName = "Test User") => SignalingUser.RegisterAsync(BaseUri, displayName);

    /// <summary>Waits (up to a generous deadline, never a fixed sleep) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits, as the other overload, until <paramref name="condition"/> holds, checking it every 100 ms for up to 30 s.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Nothing left behind once everyone has gone: no rooms, participants, sockets or sessions.</summary>
    public Task NoLeaksAsync() => EventuallyAsync(
        () => Rooms.RoomCount == 0 && Rooms.ParticipantCount == 0 && Transports.Count == 0 && Sessions.Count == 0,
        "every room, participant, socket and session is gone");

    public void Dispose() => Site.Dispose();
}
