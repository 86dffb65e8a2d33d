using System.Runtime.InteropServices;
using System.Text.Json;
using MeetSite.Security;

namespace MeetSite.Signaling;

/// <summary>Reads one client message; any input yields either a message or an error, never an exception.</summary>
internal static class ClientMessageParser
{
    public const int MaxChatLength = 2000;

    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 32 };
    // A key or string such as "\ud800" is valid JSON syntax but no .NET string: the duplicate-key check
    // and field lookups throw on it rather than report a JsonException.
    private static readonly SignalingError NotUnicode = new(ErrorCodes.BadJson, "A string is not valid Unicode.");

    private static readonly JsonDocumentOptions Lenient = new() { AllowDuplicateProperties = true, MaxDepth = 32 };

    /// <summary>Parses <paramref name="utf8"/>; a <see cref="SignalMessage"/> refers into it, so use it before the buffer is reused.</summary>
    public static ClientMessage? Parse(ReadOnlyMemory<byte> utf8, out SignalingError? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, Strict);
        }
        catch (InvalidOperationException)
        {
            error = NotUnicode;
            return null;
        }
        catch (JsonException)
        {
            error = IsDuplicateKey(utf8)
                ? new SignalingError(ErrorCodes.DuplicateKey, "An object has the same key twice.")
                : new SignalingError(ErrorCodes.BadJson, "Not valid JSON.");
            return null;
        }
        using (document)
        {
            try
            {
                return Read(document.RootElement, utf8, out error);
            }
            catch (InvalidOperationException)
            {
                error = NotUnicode;
                return null;
            }
        }
    }

    private static ClientMessage? Read(JsonElement root, ReadOnlyMemory<byte> utf8, out SignalingError? error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = new SignalingError(ErrorCodes.BadJson, "A message must be a JSON object.");
            return null;
        }
        var fields = new FieldReader(root);
        ClientMessage? message = fields.Type switch
        {
            "join" => ReadJoin(ref fields),
            "signal" => ReadSignal(ref fields, utf8),
            "media" => fields.Media(root, "media") is { } media ? new MediaMessage(media) : null,
            "chat" => fields.TrimmedString("text", 1, MaxChatLength, required: true, UserText.CleanChat) is { } text ? new ChatMessage(text) : null,
            "ack" => fields.Seq(root, "seq") is { } seq ? new AckMessage(seq) : null,
            "leave" => new LeaveMessage(),
            "admit" => Target(ref fields) is { } id ? new AdmitMessage(id) : null,
            "admit-all" => new AdmitAllMessage(),
            "deny" => Target(ref fields) is { } id ? new DenyMessage(id) : null,
            "mute" => Target(ref fields) is { } id ? new MuteMessage(id) : null,
            "mute-all" => new MuteAllMessage(),
            "remove" => Target(ref fields) is { } id ? new RemoveMessage(id) : null,
            "cohost" => ReadCoHost(ref fields),
            "hand" => ReadHand(ref fields),
            "settings" => ReadSettings(ref fields),
            "end" => new EndMessage(),
            _ => null,
        };
        error = message is null
            ? fields.Error ?? new SignalingError(ErrorCodes.UnknownType, "Unknown message type.", fields.Type)
            : null;
        return message;
    }

    private static JoinMessage? ReadJoin(ref FieldReader fields)
    {
        var media = fields.Root.TryGetProperty("media", out var mediaElement)
            ? fields.Media(mediaElement, "media", defaultMissing: true)
            : new MediaState(false, false, false);
        ResumeRequest? resume = null;
        if (fields.Root.TryGetProperty("resume", out var resumeElement) && resumeElement.ValueKind != JsonValueKind.Null)
        {
            resume = fields.Resume(resumeElement);
        }
        var protocol = fields.Protocol();
        return fields.Error is null ? new JoinMessage(media!.Value, resume, protocol) : null;
    }

    private static string? Target(ref FieldReader fields) => fields.TrimmedString("id", 1, 64, required: true);

    private static CoHostMessage? ReadCoHost(ref FieldReader fields)
    {
        var id = Target(ref fields);
        var on = fields.Bool("on", required: true);
        return fields.Error is null ? new CoHostMessage(id!, on!.Value) : null;
    }

    private static HandMessage? ReadHand(ref FieldReader fields)
    {
        var raised = fields.Bool("raised", required: true);
        var id = fields.TrimmedString("id", 1, 64, required: false);
        return fields.Error is null ? new HandMessage(raised!.Value, id) : null;
    }

    private static SettingsMessage? ReadSettings(ref FieldReader fields)
    {
        var locked = fields.Bool("locked", required: false);
        var waitingRoom = fields.Bool("waitingRoom", required: false);
        if (fields.Error is null && locked is null && waitingRoom is null)
        {
            fields.Fail(ErrorCodes.MissingField, "locked");
        }
        return fields.Error is null ? new SettingsMessage(locked, waitingRoom) : null;
    }

    private static SignalMessage? ReadSignal(ref FieldReader fields, ReadOnlyMemory<byte> utf8)
    {
        var to = fields.TrimmedString("to", 1, 64, required: true);
        if (!fields.Root.TryGetProperty("data", out var data))
        {
            fields.Fail(ErrorCodes.MissingField, "data");
            return null;
        }
        if (data.ValueKind != JsonValueKind.Object)
        {
            fields.Fail(ErrorCodes.InvalidField, "data");
            return null;
        }
        var raw = JsonMarshal.GetRawUtf8Value(data);
        utf8.Span.Overlaps(raw, out var offset);
        return to is null ? null : new SignalMessage(to, utf8.Slice(offset, raw.Length));
    }

    private static bool IsDuplicateKey(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            using var _ = JsonDocument.Parse(utf8, Lenient);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return false;
        }
    }
}
