using System.Buffers.Text;

namespace MeetSite.Signaling;

/// <summary>
/// One server message for one participant. <see cref="Body"/> is <c>{"type":...}</c>, serialized once and
/// shared by every recipient of a broadcast; the per-recipient <c>seq</c> is spliced in as it is written.
/// </summary>
internal readonly record struct OutboundFrame(long Seq, byte[] Body)
{
    private static ReadOnlySpan<byte> SeqPrefix => "{\"seq\":"u8;

    /// <summary>The longest <c>{"seq":N,</c>: the prefix, 20 digits and a comma.</summary>
    private const int MaxPrefixLength = 7 + 20 + 1;

    public int MaxLength => MaxPrefixLength + Body.Length - 1;

    /// <summary>Writes <c>{"seq":N,"type":...}</c> into <paramref name="destination"/> and returns its length.</summary>
    public int WriteTo(Span<byte> destination)
    {
        SeqPrefix.CopyTo(destination);
        var length = SeqPrefix.Length;
        Utf8Formatter.TryFormat(Seq, destination[length..], out var digits);
        length += digits;
        destination[length++] = (byte)',';
        Body.AsSpan(1).CopyTo(destination[length..]);
        return length + Body.Length - 1;
    }
}
