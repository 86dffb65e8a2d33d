using System.Text;
using MeetSite.Signaling;

namespace MeetSite.Tests.Signaling;

public sealed class MessageBatchTests
{
    [Theory]
    [InlineData("[{}]", true)]
    [InlineData(" \r\n\t[1]", true)]
    [InlineData("[", true)]
    [InlineData("{\"type\":\"leave\"}", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("\"[\"", false)]
    public void A_body_is_a_batch_when_it_starts_with_a_bracket(string body, bool isArray) =>
        Assert.Equal(isArray, MessageBatch.IsArray(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Each_element_is_found_exactly_whatever_it_holds()
    {
        // Brackets, braces and quotes inside strings must not end an element.
        var body = " [ {\"type\":\"chat\",\"text\":\"],[{\"} ,\n1,\"s\\\"]\",[[{}]],null , {\"a\":{\"b\":[1,2]}} ] \n";
        var elements = MessageBatch.Split(Encoding.UTF8.GetBytes(body), out var error);

        Assert.Null(error);
        Assert.Equal(
            ["{\"type\":\"chat\",\"text\":\"],[{\"}", "1", "\"s\\\"]\"", "[[{}]]", "null", "{\"a\":{\"b\":[1,2]}}"],
            elements!.Select(range => body[range]));
    }

    public static TheoryData<string> Malformed => new()
    {
        "[]",
        " [ ] ",
        "[",
        "[{\"type\":\"signal\"",
        "[{\"type\":\"leave\"}",
        "[{\"type\":\"leave\"},",
        "[{\"type\":\"leave\"},]",
        "[{\"type\":\"leave\"}]]",
        "[{\"type\":\"leave\"}] x",
        "[{\"type\":\"leave\"}][]",
        "[{\"type\":\"leave\"} {\"type\":\"leave\"}]",
        "[{\"type\":\"leave\"}/* no comments */]",
        "[\"\\ud800\" x]",
        "[" + string.Join(",", Enumerable.Repeat("{}", MessageBatch.MaxMessages + 1)) + "]",
        new string('[', 100) + new string(']', 100),
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_empty_or_too_long_array_is_refused_whole_with_bad_json(string body)
    {
        Assert.Null(MessageBatch.Split(Encoding.UTF8.GetBytes(body), out var error));
        Assert.Equal("bad-json", error!.Code);
    }

    [Fact]
    public void Valid_syntax_that_is_no_message_is_left_for_the_parser_to_refuse()
    {
        var body = "[\"\\ud800\",{\"\\udc00\":1},7]";
        Assert.Equal(3, MessageBatch.Split(Encoding.UTF8.GetBytes(body), out _)!.Count);
        Assert.Equal(MessageBatch.MaxMessages, MessageBatch.Split(Encoding.UTF8.GetBytes("[" + string.Join(",", Enumerable.Repeat("{}", MessageBatch.MaxMessages)) + "]"), out _)!.Count);
    }

    [Fact]
    public void Invalid_UTF8_or_random_bytes_never_throw()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(1, 64)];
            random.NextBytes(bytes);
            bytes[0] = (byte)'[';
            var elements = MessageBatch.Split(bytes, out var error);
            Assert.True((elements is null) != (error is null));
        }
        var invalidUtf8 = MessageBatch.Split([(byte)'[', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)']'], out var invalid);
        Assert.True(invalidUtf8 is not null || invalid!.Code == "bad-json");
    }
}
