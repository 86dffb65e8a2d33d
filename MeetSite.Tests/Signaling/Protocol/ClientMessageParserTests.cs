using System.Net;
using System.Text;
using System.Text.Json;
using MeetSite.Signaling;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class ClientMessageParserTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    public static TheoryData<string, string> Malformed => new()
    {
        { "", "bad-json" },
        { "not json", "bad-json" },
        { "{\"type\":\"chat\",\"text\":\"unterminated", "bad-json" },
        { "[1,2,3]", "bad-json" },
        { "\"just a string\"", "bad-json" },
        { "{\"type\":\"chat\",\"text\":\"a\",\"text\":\"b\"}", "duplicate-key" },
        { "{\"type\":\"signal\",\"to\":\"x\",\"data\":{\"a\":1,\"a\":2}}", "duplicate-key" },
        { "{}", "unknown-type" },
        { "{\"type\":42}", "unknown-type" },
        { "{\"type\":\"dance\"}", "unknown-type" },
        { "{\"type\":\"signal\",\"data\":{}}", "missing-field" },
        { "{\"type\":\"signal\",\"to\":\"x\"}", "missing-field" },
        { "{\"type\":\"chat\"}", "missing-field" },
        { "{\"type\":\"media\",\"mic\":true}", "missing-field" },
        { "{\"type\":\"ack\"}", "missing-field" },
        { "{\"type\":\"join\",\"resume\":{\"id\":\"x\"}}", "missing-field" },
        { "{\"type\":\"signal\",\"to\":\"x\",\"data\":\"offer\"}", "invalid-field" },
        { "{\"type\":\"signal\",\"to\":7,\"data\":{}}", "invalid-field" },
        { "{\"type\":\"chat\",\"text\":\"   \"}", "invalid-field" },
        { "{\"type\":\"media\",\"mic\":\"yes\",\"cam\":false,\"screen\":false}", "invalid-field" },
        { "{\"type\":\"ack\",\"seq\":-1}", "invalid-field" },
        { "{\"type\":\"ack\",\"seq\":1.5}", "invalid-field" },
        { "{\"type\":\"join\",\"media\":[]}", "invalid-field" },
        { "{\"type\":\"chat\",\"text\":\"\\ud800\"}", "invalid-field" },
        { "{\"type\":\"\\ud800\"}", "unknown-type" },
        { "{\"\\ud800\":1,\"type\":\"leave\"}", "bad-json" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_yields_the_documented_error_code(string json, string code)
    {
        Assert.Null(ClientMessageParser.Parse(Encoding.UTF8.GetBytes(json), out var error));
        Assert.Equal(code, error!.Code);
    }

    [Fact]
    public void The_chat_limit_is_counted_after_trimming_and_cleaning()
    {
        Assert.IsType<ChatMessage>(ClientMessageParser.Parse(Encoding.UTF8.GetBytes($"{{\"type\":\"chat\",\"text\":\"  {new string('a', 2000)}\\u202e\\u0007  \"}}"), out _));
        Assert.Null(ClientMessageParser.Parse(Encoding.UTF8.GetBytes($"{{\"type\":\"chat\",\"text\":\"{new string('a', 2001)}\"}}"), out var tooLong));
        Assert.Equal("invalid-field", tooLong!.Code);
        Assert.Null(ClientMessageParser.Parse("{\"type\":\"chat\",\"text\":\" \\u2066\\u0000\\r \"}"u8.ToArray(), out var nothingLeft));
        Assert.Equal("invalid-field", nothingLeft!.Code);
        var chat = Assert.IsType<ChatMessage>(ClientMessageParser.Parse("{\"type\":\"chat\",\"text\":\"a\\u202eb\\r\\nc\"}"u8.ToArray(), out _));
        Assert.Equal("ab\nc", chat.Text);
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("\"a\\udc00b\"")]
    [InlineData("42")]
    [InlineData("\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"")]
    public void A_join_name_is_ignored_whatever_it_holds(string name)
    {
        var join = ClientMessageParser.Parse(Encoding.UTF8.GetBytes($"{{\"type\":\"join\",\"name\":{name}}}"), out var error);
        Assert.Null(error);
        Assert.IsType<JoinMessage>(join);
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_a_join_may_omit_everything()
    {
        var join = Assert.IsType<JoinMessage>(ClientMessageParser.Parse("{\"type\":\"join\",\"extra\":[1,{}]}"u8.ToArray(), out _));
        Assert.Equal(new MediaState(false, false, false), join.Media);
        var media = Assert.IsType<JoinMessage>(ClientMessageParser.Parse("{\"type\":\"join\",\"media\":{\"cam\":true}}"u8.ToArray(), out _));
        Assert.Equal(new MediaState(false, true, false), media.Media);
    }

    [Fact]
    public async Task Every_malformed_message_gets_its_error_and_the_socket_and_the_poll_session_stay_up()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var ws = await ann.JoinWsAsync(code, "Ann");
        var lp = await ann.JoinLongPollAsync(code, "Lee");
        await ws.NextAsync("joined");

        foreach (var (json, expected) in Malformed.Select(row => ((string)row[0], (string)row[1])))
        {
            await ws.SendAsync(json);
            var error = await ws.NextAsync("error");
            Assert.Equal(expected, error.GetProperty("code").GetString());

            using var response = await lp.SendAsync(json);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        }
        await ws.SendAsync(Messages.Join("again"));
        Assert.Equal("already-joined", (await ws.NextAsync("error")).GetProperty("code").GetString());

        await ws.SignalAsync(lp.Id, "{}");
        Assert.Equal(ws.Id, (await lp.NextAsync("signal")).GetProperty("from").GetString());
        await ws.LeaveAsync();
        await lp.LeaveAsync();
        await site.NoLeaksAsync();
    }

    [Fact]
    public async Task Before_join_anything_else_is_refused_with_not_joined()
    {
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var ws = await ann.ConnectAsync(code);
        await ws.SendAsync(Messages.Chat("too early"));
        Assert.Equal("not-joined", (await ws.NextAsync("error")).GetProperty("code").GetString());

        using var response = await ann.Http.SendAsync(ann.Request(HttpMethod.Post, $"/signal/lp/{code}", Messages.Chat("too early")));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("not-joined", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
        await ws.JoinAsync("Ann");
        await ws.LeaveAsync();
        await site.NoLeaksAsync();
    }
}
