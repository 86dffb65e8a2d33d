using MeetSite.Security;

namespace MeetSite.Tests.Security;

public sealed class UserTextTests
{
    [Theory]
    [InlineData("Ann", "Ann")]
    [InlineData("  Ann \t", "Ann")]
    [InlineData("Ann\u202Egnp.exe", "Anngnp.exe")]
    [InlineData("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069Ann", "Ann")]
    [InlineData("A\u0000n\u001Fn\u007F\u0085\u009F", "Ann")]
    [InlineData("Ann\nBob\r\u2028\u2029", "AnnBob")]
    [InlineData("\u05D3\u05E0\u05D4 2\u200F", "\u05D3\u05E0\u05D4 2\u200F")]
    [InlineData("\u202E \u2066", "")]
    [InlineData("😀 Zoë", "😀 Zoë")]
    public void Names_lose_control_separator_and_bidi_override_characters_and_keep_the_rest(string name, string expected) =>
        Assert.Equal(expected, UserText.CleanName(name));

    [Theory]
    [InlineData("line one\r\nline two", "line one\nline two")]
    [InlineData("a\u202Eb\u0007\tc", "abc")]
    [InlineData(" \n ", "")]
    public void Chat_keeps_line_feeds_and_loses_the_rest_of_the_same(string text, string expected) =>
        Assert.Equal(expected, UserText.CleanChat(text));
}
