using System.Text.Json;

namespace MeetSite.Signaling;

/// <summary>
/// A long-poll send body that is a JSON array of messages (docs/signaling.md): finds where each element
/// is, without parsing it. Each element is then handled as a message of its own, as if sent alone.
/// </summary>
internal static class MessageBatch
{
    public const int MaxMessages = 256;

    private static readonly SignalingError Malformed = new(ErrorCodes.BadJson, "The batch is not valid JSON: nothing in it was handled.");
    private static readonly SignalingError Empty = new(ErrorCodes.BadJson, "A batch must hold at least one message.");
    private static readonly SignalingError TooMany = new(ErrorCodes.BadJson, $"A batch holds at most {MaxMessages} messages: nothing in it was handled.");

    /// <summary>Whether the body is an array (its first byte past whitespace is <c>[</c>) rather than one message.</summary>
    public static bool IsArray(ReadOnlySpan<byte> body)
    {
        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && body[start] == (byte)'[';
    }

    /// <summary>
    /// The byte range of each element of the array <paramref name="body"/>, in order; null with the error
    /// when the array as a whole is malformed, empty or too long. Never throws on any input.
    /// </summary>
    public static List<Range>? Split(ReadOnlySpan<byte> body, out SignalingError? error)
    {
        var elements = new List<Range>();
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                error = Malformed;
                return null;
            }
            // Inside the array Read() either finds a token or throws: the input is the final block.
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (elements.Count == MaxMessages)
                {
                    error = TooMany;
                    return null;
                }
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                elements.Add(start..(int)reader.BytesConsumed);
            }
            // Anything but whitespace after the array throws here.
            if (reader.Read())
            {
                error = Malformed;
                return null;
            }
        }
        catch (JsonException)
        {
            error = Malformed;
            return null;
        }
        error = elements.Count == 0 ? Empty : null;
        return error is null ? elements : null;
    }
}
