using System.Data.Common;
using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>
/// Keeps the stored chat within <c>Signaling:ChatRetention</c> and <c>Signaling:ChatMaxPerMeeting</c>:
/// one pass at start (a site restarted often would otherwise never reach an interval) and one every
/// <c>Signaling:ChatCleanupInterval</c>.
/// </summary>
internal sealed partial class ChatCleanup(ChatStore store, IOptions<SignalingOptions> options, TimeProvider clock, ILogger<ChatCleanup> logger) : BackgroundService
{
    private readonly SignalingOptions _options = options.Value;

    /// <summary>One clean-up pass; returns how many messages it deleted.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancel = default) =>
        store.DeleteOldAsync((clock.GetUtcNow() - _options.ChatRetention).ToUnixTimeMilliseconds(), _options.ChatMaxPerMeeting, cancel);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.ChatCleanupInterval, clock);
        do
        {
            try
            {
                var deleted = await RunOnceAsync(stoppingToken);
                LogCleaned(logger, deleted);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException)
            {
                // The next pass tries again; a failed one only delays the deletion.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
