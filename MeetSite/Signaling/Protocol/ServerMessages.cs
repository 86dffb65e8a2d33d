using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MeetSite.Signaling;

/// <summary>
/// Serializes server messages (docs/signaling.md) to UTF-8 once, as <c>{"type":...}</c> without
/// <c>seq</c>, so one array serves every recipient of a broadcast.
/// </summary>
internal static partial class ServerMessages
{
    /// <summary>The newest version spoken; a <c>join</c> without <c>protocol</c> speaks 1.</summary>
    public const int Protocol = 2;

    // Messages travel over WebSockets and fetch, never inside HTML, so non-ASCII text need not be escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <param name="restoredGrace">For a participant restored in a new process: how long its client should
    /// wait for the others to come back before it gives up on their peer connections.</param>
    /// <param name="state">The meeting's settings and raised hands as the participant enters.</param>
    public static byte[] Welcome(Participant you, IReadOnlyList<Participant> others, IReadOnlyList<StoredChat> chat, TimeSpan? restoredGrace,
        MeetingState? state = null) =>
        Build((you, others, chat, restoredGrace, state), static (w, s) =>
        {
            w.WriteNumber("protocol", s.you.Protocol);
            w.WritePropertyName("you");
            WriteParticipant(w, s.you);
            w.WriteString("token", s.you.Token);
            w.WriteStartArray("participants");
            foreach (var other in s.others)
            {
                WriteParticipant(w, other);
            }
            w.WriteEndArray();
            w.WriteStartArray("chat");
            foreach (var line in s.chat)
            {
                w.WriteStartObject();
                WriteChatFields(w, line.Id, null, line.SenderName, line.Text, line.SentAt);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (s.restoredGrace is { } grace)
            {
                w.WriteBoolean("restored", true);
                w.WriteNumber("graceMs", (long)grace.TotalMilliseconds);
            }
            if (s.state is { } meeting)
            {
                WriteSettings(w, "meeting", meeting.Locked, meeting.WaitingRoom);
                WriteIds(w, "hands", meeting.Hands);
            }
        }, "welcome");

    public static byte[] Joined(Participant participant) =>
        Build(participant, static (w, p) =>
        {
            w.WritePropertyName("participant");
            WriteParticipant(w, p);
        }, "joined");

    public static byte[] Left(string id) => Build(id, static (w, id) => w.WriteString("id", id), "left");

    public static byte[] Signal(string from, ReadOnlyMemory<byte> data) =>
        Build((from, data), static (w, s) =>
        {
            w.WriteString("from", s.from);
            w.WritePropertyName("data");
            w.WriteRawValue(s.data.Span, skipInputValidation: true);
        }, "signal");

    public static byte[] Media(string from, MediaState media) =>
        Build((from, media), static (w, s) =>
        {
            w.WriteString("from", s.from);
            WriteMediaFields(w, s.media);
        }, "media");

    public static byte[] Chat(long id, string from, string name, string text, long at) =>
        Build((id, from, name, text, at), static (w, s) => WriteChatFields(w, s.id, s.from, s.name, s.text, s.at), "chat");

    public static byte[] Error(SignalingError error) =>
        Build(error, static (w, e) =>
        {
            w.WriteString("code", e.Code);
            w.WriteString("message", e.Message);
            if (e.Ref is not null)
            {
                w.WriteString("ref", e.Ref);
            }
            if (e.Index is { } index)
            {
                w.WriteNumber("index", index);
            }
        }, "error");

    private static void WriteParticipant(Utf8JsonWriter w, Participant p)
    {
        w.WriteStartObject();
        w.WriteString("id", p.Id);
        w.WriteString("name", p.Name);
        w.WriteString("role", RoleName(p.Role));
        w.WriteStartObject("media");
        WriteMediaFields(w, p.Media);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteMediaFields(Utf8JsonWriter w, MediaState media)
    {
        w.WriteBoolean("mic", media.Mic);
        w.WriteBoolean("cam", media.Cam);
        w.WriteBoolean("screen", media.Screen);
    }

    private static void WriteChatFields(Utf8JsonWriter w, long id, string? from, string name, string text, long at)
    {
        w.WriteNumber("id", id);
        w.WriteString("from", from);
        w.WriteString("name", name);
        w.WriteString("text", text);
        w.WriteNumber("at", at);
    }

    /// <summary>Writes <c>{"type":type, ...}</c> with a per-thread writer and returns a right-sized copy.</summary>
    private static byte[] Build<TState>(TState state, Action<Utf8JsonWriter, TState> fields, string type)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        writer.WriteStartObject();
        writer.WriteString("type", type);
        fields(writer, state);
        writer.WriteEndObject();
        writer.Flush();
        var bytes = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity > 256 * 1024)
        {
            // One huge welcome should not pin its buffer to this thread for good.
            t_buffer = null;
            t_writer = null;
        }
        return bytes;
    }
}
