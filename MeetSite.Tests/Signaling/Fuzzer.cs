using System.Text;
using System.Text.RegularExpressions;

namespace MeetSite.Tests.Signaling;

/// <summary>Random bytes, random JSON, and valid messages mutated in the ways parsers tend to trip over.</summary>
internal sealed partial class Fuzzer(Random random, string[] ids)
{
    private static readonly string[] Values =
    [
        "null", "true", "false", "0", "-1", "1e309", "9223372036854775808", "1.5", "\"\"", "\"\\u0000\"", "[]", "{}",
        "\"\\ud800\"", "\"é😀\"", new string('[', 200) + new string(']', 200), "\"" + new string('z', 10_000) + "\"",
    ];

    private string[] Seeds =>
    [
        """{"type":"join","name":"M","media":{"mic":true,"cam":false,"screen":false}}""",
        """{"type":"join","resume":{"id":"x","token":"y","lastSeq":3}}""",
        "{\"type\":\"signal\",\"to\":\"" + ids[random.Next(ids.Length)] + "\",\"data\":{\"candidate\":{\"candidate\":\"c\",\"sdpMid\":\"0\"}}}",
        "{\"type\":\"signal\",\"to\":\"nobody\",\"data\":{\"description\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}}",
        """{"type":"media","mic":true,"cam":true,"screen":false}""",
        """{"type":"chat","text":"hi"}""",
        """{"type":"ack","seq":5}""",
        """{"type":"leave"}""",
    ];

    /// <summary>
    /// A message and whether to send it as a binary frame. Random bytes go as binary frames but for a rare
    /// text one: invalid UTF-8 in a text frame makes the WebSocket layer close with 1007, which would end
    /// the fuzzing socket early every time.
    /// </summary>
    public (byte[] Bytes, bool Binary) Next() => random.Next(10) switch
    {
        0 => (RandomBytes(random.Next(1, 200)), random.Next(100) != 0),
        1 => (Encoding.UTF8.GetBytes(Values[random.Next(Values.Length)]), false),
        _ => (Encoding.UTF8.GetBytes(Mutate(Seeds[random.Next(Seeds.Length)])), false),
    };

    /// <summary>
    /// A long-poll batch: an array of 1 to 8 odd values, valid messages and mutated ones, sometimes mutated
    /// as a whole so that the array itself is malformed.
    /// </summary>
    public byte[] NextBatch()
    {
        var elements = Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(3) switch
        {
            0 => Values[random.Next(Values.Length)],
            1 => Seeds[random.Next(Seeds.Length)],
            _ => Mutate(Seeds[random.Next(Seeds.Length)]),
        });
        var batch = "[" + string.Join(",", elements) + "]";
        return Encoding.UTF8.GetBytes(random.Next(4) == 0 ? Mutate(batch) : batch);
    }

    private string Mutate(string json)
    {
        var text = new StringBuilder(json);
        for (var i = random.Next(1, 4); i > 0 && text.Length > 0; i--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(8))
            {
                case 0: text[at] = (char)random.Next(32, 127); break;
                case 1: text.Remove(at, Math.Min(random.Next(1, 8), text.Length - at)); break;
                case 2: text.Insert(at, text.ToString(at, Math.Min(random.Next(1, 20), text.Length - at))); break;
                case 3: text.Length = at; break;
                case 4: text.Insert(at, Values[random.Next(Values.Length)]); break;
                case 5: text.Insert(1, "\"type\":\"chat\","); break;
                default: ReplaceAString(text); break;
            }
        }
        return text.ToString();
    }

    /// <summary>Swaps one string (a key or a value) for an odd value: the likeliest way past the syntax check into the fields.</summary>
    private void ReplaceAString(StringBuilder text)
    {
        var strings = StringToken().Matches(text.ToString());
        if (strings.Count > 0)
        {
            var pick = strings[random.Next(strings.Count)];
            text.Remove(pick.Index, pick.Length).Insert(pick.Index, Values[random.Next(Values.Length)]);
        }
    }

    [GeneratedRegex("\"[^\"\\\\]*\"")]
    private static partial Regex StringToken();

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
