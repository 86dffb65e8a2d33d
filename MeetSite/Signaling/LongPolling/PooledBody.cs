using System.Buffers;
using System.IO.Pipelines;

namespace MeetSite.Signaling;

/// <summary>A long-poll request body in a pooled buffer: polls and sends are the hot path of that transport.</summary>
internal sealed class PooledBody : IDisposable
{
    private byte[]? _buffer;

    private PooledBody(byte[] buffer, int length) => (_buffer, Length) = (buffer, length);

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>The whole body, or null when it is over <paramref name="maxBytes"/> (read no further than one byte past it).</summary>
    public static async Task<PooledBody?> ReadAsync(PipeReader reader, int maxBytes, CancellationToken cancel)
    {
        var result = await reader.ReadAtLeastAsync(maxBytes + 1, cancel);
        var body = result.Buffer;
        try
        {
            if (body.Length > maxBytes)
            {
                return null;
            }
            var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(body.Length, 1));
            body.CopyTo(buffer);
            return new PooledBody(buffer, (int)body.Length);
        }
        finally
        {
            reader.AdvanceTo(body.End);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
