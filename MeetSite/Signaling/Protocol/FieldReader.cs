using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace MeetSite.Signaling;

/// <summary>Reads a message's fields, remembering the first problem as a <c>missing-field</c> or <c>invalid-field</c> error.</summary>
internal struct FieldReader(JsonElement root)
{
    public readonly JsonElement Root => root;

    public SignalingError? Error { get; private set; }

    // Compared as raw UTF-8, so a known type costs no string per message; only an unknown or escaped
    // one is decoded (and a lone surrogate escape then gives null, as for any other field).
    private static readonly string[] KnownTypes = ["signal", "ack", "media", "chat", "join", "leave"];
    private static readonly byte[][] KnownTypesUtf8 = [.. KnownTypes.Select(t => Encoding.UTF8.GetBytes($"\"{t}\""))];

    public readonly string? Type => root.TryGetProperty("type", out var type) ? TypeName(type) : null;

    private static string? TypeName(JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.String)
        {
            var raw = JsonMarshal.GetRawUtf8Value(type);
            for (var i = 0; i < KnownTypesUtf8.Length; i++)
            {
                if (raw.SequenceEqual(KnownTypesUtf8[i]))
                {
                    return KnownTypes[i];
                }
            }
        }
        return StringOf(type);
    }

    public void Fail(string code, string field)
    {
        Error ??= new SignalingError(code, code == ErrorCodes.MissingField ? $"'{field}' is required." : $"'{field}' is not valid.", Type);
    }

    /// <param name="clean">Applied instead of a plain trim, before the length is checked.</param>
    public string? TrimmedString(string field, int minLength, int maxLength, bool required, Func<string, string>? clean = null)
    {
        if (!root.TryGetProperty(field, out var value) || (!required && value.ValueKind == JsonValueKind.Null))
        {
            if (required)
            {
                Fail(ErrorCodes.MissingField, field);
            }
            return null;
        }
        var raw = StringOf(value);
        var text = raw is null ? null : clean is null ? raw.Trim() : clean(raw);
        if (text is null || text.Length < minLength || text.Length > maxLength)
        {
            Fail(ErrorCodes.InvalidField, field);
            return null;
        }
        return text;
    }

    /// <summary>A media state: the object itself (a <c>join</c>'s <c>media</c>) or the message (a <c>media</c> message).</summary>
    public MediaState? Media(JsonElement element, string field, bool defaultMissing = false)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail(ErrorCodes.InvalidField, field);
            return null;
        }
        var mic = Flag(element, "mic", defaultMissing);
        var cam = Flag(element, "cam", defaultMissing);
        var screen = Flag(element, "screen", defaultMissing);
        return mic is null || cam is null || screen is null ? null : new MediaState(mic.Value, cam.Value, screen.Value);
    }

    public long? Seq(JsonElement element, string field)
    {
        if (!element.TryGetProperty(field, out var value))
        {
            Fail(ErrorCodes.MissingField, field);
            return null;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var seq) || seq < 0)
        {
            Fail(ErrorCodes.InvalidField, field);
            return null;
        }
        return seq;
    }

    public ResumeRequest? Resume(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            Fail(ErrorCodes.InvalidField, "resume");
            return null;
        }
        var inner = new FieldReader(element);
        var id = inner.TrimmedString("id", 1, 64, required: true);
        var token = inner.TrimmedString("token", 1, ResumeTokens.MaxLength, required: true);
        var lastSeq = inner.Seq(element, "lastSeq");
        if (inner.Error is { } error)
        {
            Error ??= error with { Ref = Type };
            return null;
        }
        return new ResumeRequest(id!, token!, lastSeq!.Value);
    }

    /// <summary>
    /// The string, or null for any other kind and for a string that is not valid UTF-16 (a lone surrogate
    /// escape such as <c>"\ud800"</c> parses as JSON but cannot become a .NET string).
    /// </summary>
    private static string? StringOf(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A boolean field of the message; null when absent (an error only if <paramref name="required"/>) or not a boolean.</summary>
    public bool? Bool(string field, bool required)
    {
        if (!required && !root.TryGetProperty(field, out _))
        {
            return null;
        }
        return Flag(root, field, defaultMissing: false);
    }

    /// <summary>The protocol version a <c>join</c> asks for: 1 when left out; an integer from 1 up (more than 2 speaks 2).</summary>
    public int Protocol()
    {
        if (!root.TryGetProperty("protocol", out var value))
        {
            return 1;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var version) || version < 1)
        {
            Fail(ErrorCodes.InvalidField, "protocol");
            return 1;
        }
        return Math.Min(version, ServerMessages.Protocol);
    }

    private bool? Flag(JsonElement element, string field, bool defaultMissing)
    {
        if (!element.TryGetProperty(field, out var value))
        {
            if (defaultMissing)
            {
                return false;
            }
            Fail(ErrorCodes.MissingField, field);
            return null;
        }
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Fail(ErrorCodes.InvalidField, field);
            return null;
        }
        return value.GetBoolean();
    }
}
