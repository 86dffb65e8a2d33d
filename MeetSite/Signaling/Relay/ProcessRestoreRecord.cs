using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>
/// One process on its own: restores are open for <see cref="SignalingOptions.RestoreWindow"/> after it
/// starts (its predecessor's participants come back within that), and never for someone who left here.
/// </summary>
internal sealed class ProcessRestoreRecord : IRestoreRecord
{
    private readonly TimeProvider _clock;
    private readonly DateTimeOffset _restoresUntil;

    // Who left in this process while restores are still open, so a token cannot bring them back.
    private readonly ConcurrentDictionary<string, byte> _leftWhileRestoring = new(StringComparer.Ordinal);

    public ProcessRestoreRecord(IOptions<SignalingOptions> options, TimeProvider clock)
    {
        _clock = clock;
        _restoresUntil = clock.GetUtcNow() + options.Value.RestoreWindow;
    }

    private bool InRestoreWindow => _clock.GetUtcNow() < _restoresUntil;

    public ValueTask<bool> MayRestoreAsync(string meetingCode, string participantId) =>
        ValueTask.FromResult(InRestoreWindow && !_leftWhileRestoring.ContainsKey(participantId));

    public void Left(string meetingCode, string participantId)
    {
        if (InRestoreWindow)
        {
            _leftWhileRestoring.TryAdd(participantId, 0);
        }
    }

    public TimeSpan WaitForOthers(Room room) => _restoresUntil - _clock.GetUtcNow();
}
