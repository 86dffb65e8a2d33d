namespace MeetSite.Tests.Browser;

/// <summary>
/// Proves media really plays, not just that a call connected: the tile's video has a size and its time
/// advances, frames keep being decoded, and (when asked) audio packets keep arriving.
/// </summary>
public static class MediaAssert
{
    public static async Task PlaysAsync(Participant viewer, string tileLabel, bool withAudio = false, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        MediaSample? before = null;
        MediaSample? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var sample = await viewer.SampleMediaAsync(tileLabel);
            if (before is not null && Advanced(before, sample, withAudio))
            {
                return;
            }
            if (sample.Found && sample.Width > 0)
            {
                before ??= sample;
            }
            last = sample;
            await Task.Delay(250);
        }
        Assert.Fail($"{viewer.DisplayName} sees no playing media in the tile \"{tileLabel}\" within {timeoutMs} ms. Last sample: {last}; first with video: {before}.");
    }

    private static bool Advanced(MediaSample before, MediaSample now, bool withAudio) =>
        now.Width > 0
        && now.Time > before.Time
        && now.FramesDecoded > before.FramesDecoded
        && (!withAudio || now.AudioPackets > before.AudioPackets);
}
