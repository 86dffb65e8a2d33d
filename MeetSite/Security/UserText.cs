using System.Buffers;
using System.Globalization;
using System.Text;

namespace MeetSite.Security;

/// <summary>
/// Cleans text that people type for others to see (display names, chat): no control characters, no line
/// or paragraph separators, and no bidirectional embeddings, overrides or isolates (U+202A–U+202E,
/// U+2066–U+2069), which can make one name look like another or reorder the text shown after it. The marks
/// U+200E, U+200F and U+061C stay: right-to-left writers need them, and they cannot reorder letters.
/// </summary>
public static class UserText
{
    // Every removed character is below U+3000 (controls, U+2028/9 and the bidi controls).
    private static readonly SearchValues<char> RemovedInNames = RemovedBelow3000(keepNewlines: false);
    private static readonly SearchValues<char> RemovedInChat = RemovedBelow3000(keepNewlines: true);

    /// <summary>A display name: cleaned and trimmed, on one line. Empty when nothing is left.</summary>
    public static string CleanName(string name) => Clean(name, RemovedInNames);

    /// <summary>Chat text: cleaned and trimmed; line feeds stay (a carriage return goes, so CRLF becomes LF).</summary>
    public static string CleanChat(string text) => Clean(text, RemovedInChat);

    private static string Clean(string text, SearchValues<char> removed)
    {
        var first = text.AsSpan().IndexOfAny(removed);
        if (first < 0)
        {
            return text.Trim();
        }
        var clean = new StringBuilder(text.Length).Append(text, 0, first);
        foreach (var c in text.AsSpan(first))
        {
            if (!removed.Contains(c))
            {
                clean.Append(c);
            }
        }
        return clean.ToString().Trim();
    }

    private static SearchValues<char> RemovedBelow3000(bool keepNewlines)
    {
        var chars = new List<char>();
        for (var c = '\0'; c < '\u3000'; c++)
        {
            var removed = (char.IsControl(c) && !(keepNewlines && c == '\n'))
                || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'
                || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
            if (removed)
            {
                chars.Add(c);
            }
        }
        return SearchValues.Create([.. chars]);
    }
}
