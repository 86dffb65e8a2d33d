using System.Globalization;
using System.Net;
using System.Text.Json;
using MeetSite.Meetings;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace MeetSite.Tests.Meetings;

public sealed class IceServersEndpointTests
{
    private const string Path = "/api/ice-servers";

    private static readonly Dictionary<string, string?> StunAndTurn = new()
    {
        ["WebRtc:IceServers:0:Urls:0"] = "stun:stun.example.net:3478",
        ["WebRtc:Turn:Urls:0"] = "turn:turn.example.net:3478?transport=udp",
        ["WebRtc:Turn:Urls:1"] = "turn:turn.example.net:3478?transport=tcp",
        ["WebRtc:Turn:Secret"] = "test-secret",
        ["WebRtc:Turn:Ttl"] = "00:10:00",
    };

    [Fact]
    public async Task Signed_out_gets_401_not_a_login_redirect()
    {
        using var site = new TestSite(StunAndTurn);
        using var client = site.CreateFormClient();
        using var response = await client.Http.GetAsync(Path);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Static_servers_come_alone_and_without_expiry_when_no_TURN_secret_is_set()
    {
        using var site = new TestSite(new Dictionary<string, string?>
        {
            ["WebRtc:IceServers:0:Urls:0"] = "stun:stun.example.net:3478",
            ["WebRtc:IceServers:1:Urls:0"] = "turns:turn.example.net:5349",
            ["WebRtc:IceServers:1:Username"] = "meet",
            ["WebRtc:IceServers:1:Credential"] = "long-term",
        });
        using var client = await SignedInAsync(site);
        var body = await client.Http.GetStringAsync(Path);
        Assert.Equal(
            """{"iceServers":[{"urls":["stun:stun.example.net:3478"]},{"urls":["turns:turn.example.net:5349"],"username":"meet","credential":"long-term"}]}""",
            body);
    }

    [Fact]
    public async Task Signed_in_gets_the_static_servers_and_a_TURN_credential_that_expires_after_the_ttl()
    {
        using var site = new TestSite(StunAndTurn);
        using var client = await SignedInAsync(site);
        var before = DateTimeOffset.UtcNow;
        using var response = await client.Http.GetAsync(Path);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var servers = json.GetProperty("iceServers");
        Assert.Equal(2, servers.GetArrayLength());
        Assert.Equal("""{"urls":["stun:stun.example.net:3478"]}""", servers[0].GetRawText());

        var turn = servers[1];
        Assert.Equal(["turn:turn.example.net:3478?transport=udp", "turn:turn.example.net:3478?transport=tcp"],
            turn.GetProperty("urls").EnumerateArray().Select(url => url.GetString()));
        var username = turn.GetProperty("username").GetString()!;
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(username.Split(':')[0], CultureInfo.InvariantCulture));
        Assert.InRange(expiry, before.AddMinutes(10).AddSeconds(-1), after.AddMinutes(10));
        Assert.Equal(expiry.ToUnixTimeSeconds(), json.GetProperty("expiresAt").GetDateTimeOffset().ToUnixTimeSeconds());

        // The user part is this user's id, and the credential is what coturn computes from its copy of the secret.
        Assert.Matches("^[0-9]+:[0-9a-f-]{36}$", username);
        var expected = TurnCredentials.Create(new TurnOptions { Secret = "test-secret" }, username.Split(':')[1], expiry);
        Assert.Equal(expected.Credential, turn.GetProperty("credential").GetString());
        Assert.DoesNotContain("test-secret", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_user_gets_their_own_credential()
    {
        using var site = new TestSite(StunAndTurn);
        using var ada = await SignedInAsync(site);
        using var bob = await SignedInAsync(site);
        Assert.NotEqual(await TurnUsernameAsync(ada), await TurnUsernameAsync(bob));
    }

    [Fact]
    public void TURN_urls_without_a_secret_stop_the_site_at_start()
    {
        using var site = new TestSite(new Dictionary<string, string?> { ["WebRtc:Turn:Urls:0"] = "turn:turn.example.net:3478" });
        var error = Assert.Throws<OptionsValidationException>(() => site.Server);
        Assert.Contains("WebRtc:Turn:Secret", error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> TurnUsernameAsync(FormClient client)
    {
        var json = JsonDocument.Parse(await client.Http.GetStringAsync(Path)).RootElement;
        return json.GetProperty("iceServers")[1].GetProperty("username").GetString()!;
    }

    private static async Task<FormClient> SignedInAsync(TestSite site)
    {
        var client = site.CreateFormClient();
        using var registered = await client.RegisterAsync(FormClient.NewEmail());
        return client;
    }
}
