using MeetSite.Meetings;

namespace MeetSite.Tests.Meetings;

public sealed class MeetingCodeTests
{
    [Fact]
    public void New_codes_are_ten_lowercase_letters_grouped_three_four_three()
    {
        for (var i = 0; i < 1000; i++)
        {
            Assert.Matches("^[a-z]{3}-[a-z]{4}-[a-z]{3}$", MeetingCode.NewCode().Value);
        }
    }

    [Fact]
    public void New_codes_do_not_repeat_and_use_every_letter()
    {
        var codes = Enumerable.Range(0, 20_000).Select(_ => MeetingCode.NewCode().Value).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        var letters = codes.SelectMany(c => c.Replace("-", "", StringComparison.Ordinal)).Distinct().Count();
        Assert.Equal(26, letters);
    }

    [Theory]
    [InlineData("abc-defg-hij")]
    [InlineData("  ABC-DEFG-HIJ ")]
    [InlineData("abcdefghij")]
    [InlineData("abc defg hij")]
    [InlineData("https://meet.example/m/abc-defg-hij")]
    [InlineData("http://localhost:5000/m/abc-defg-hij?x=1#top")]
    [InlineData("meet.example/m/abc-defg-hij")]
    [InlineData("/m/abc-defg-hij")]
    public void Codes_and_invite_links_parse_to_the_canonical_code(string input)
    {
        Assert.True(MeetingCode.TryParse(input, out var code));
        Assert.Equal("abc-defg-hij", code.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("abc-defg-hi")]
    [InlineData("abc-defg-hijk")]
    [InlineData("abc-d3fg-hij")]
    [InlineData("abc-défg-hij")]
    [InlineData("https://meet.example/x/abc-defg-hij")]
    [InlineData("https://meet.example/m/abc-defg-hij/extra")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("../../etc/passwd")]
    public void Anything_else_is_not_a_code(string? input)
    {
        Assert.False(MeetingCode.TryParse(input, out _));
    }
}
