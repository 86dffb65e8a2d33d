using MeetSite.Meetings;

namespace MeetSite.Tests.Meetings;

public sealed class TurnCredentialsTests
{
    [Fact]
    public void Username_is_expiry_and_user_and_credential_is_base64_HMAC_SHA1_of_it()
    {
        var turn = new TurnOptions { Secret = "north" };
        turn.Urls.Add("turn:turn.example.net:3478");

        var server = TurnCredentials.Create(turn, "alice", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        Assert.Equal("1700000000:alice", server.Username);
        // Known answer: printf %s 1700000000:alice | openssl dgst -sha1 -hmac north -binary | base64
        Assert.Equal("Cd/49soE35ICqcJF/bCTn8Z4OyE=", server.Credential);
        Assert.Equal(["turn:turn.example.net:3478"], server.Urls);
    }

    [Fact]
    public void Another_secret_or_expiry_gives_another_credential()
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var north = TurnCredentials.Create(new TurnOptions { Secret = "north" }, "alice", expires).Credential;
        Assert.NotEqual(north, TurnCredentials.Create(new TurnOptions { Secret = "south" }, "alice", expires).Credential);
        Assert.NotEqual(north, TurnCredentials.Create(new TurnOptions { Secret = "north" }, "alice", expires.AddSeconds(1)).Credential);
    }
}
