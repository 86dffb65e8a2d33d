using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace MeetSite.Meetings;

/// <summary>
/// A meeting's code, <c>abc-defg-hij</c>: 10 lowercase letters from a cryptographic RNG
/// (26^10, about 1.4e14 codes), grouped 3-4-3 so it can be read out loud.
/// </summary>
public readonly record struct MeetingCode
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyz";
    public const int LetterCount = 10;

    public string Value { get; }

    private MeetingCode(string value) => Value = value;

    public override string ToString() => Value;

    public static MeetingCode NewCode()
    {
        var letters = RandomNumberGenerator.GetString(Letters, LetterCount);
        return new MeetingCode($"{letters[..3]}-{letters[3..7]}-{letters[7..]}");
    }

    /// <summary>
    /// Reads what a person typed or pasted: a code (any case, dashes or spaces optional) or a whole
    /// invite link whose path is <c>/m/{code}</c>.
    /// </summary>
    public static bool TryParse(string? input, [NotNullWhen(true)] out MeetingCode? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 2048)
        {
            return false;
        }
        var text = input.Trim();
        if (text.Contains('/', StringComparison.Ordinal))
        {
            if (!TryCodeFromLink(text, out var fromLink))
            {
                return false;
            }
            text = fromLink;
        }
        Span<char> letters = stackalloc char[LetterCount];
        var count = 0;
        foreach (var c in text)
        {
            if (c is '-' or ' ')
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (lower is < 'a' or > 'z' || count == LetterCount)
            {
                return false;
            }
            letters[count++] = lower;
        }
        if (count != LetterCount)
        {
            return false;
        }
        code = new MeetingCode($"{letters[..3]}-{letters[3..7]}-{letters[7..]}");
        return true;
    }

    private static bool TryCodeFromLink(string text, out string code)
    {
        code = "";
        // A pasted link may lack its scheme ("meet.example/m/...") or be just the path ("/m/...").
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text
            : text.StartsWith('/') ? "https://host" + text
            : "https://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
        {
            return false;
        }
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 2 || !segments[0].Equals("m", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        code = Uri.UnescapeDataString(segments[1]);
        return true;
    }
}
