namespace MeetSite.Tests.Nat;

/// <summary>
/// The test bed's coturn runs deploy/coturn/turnserver.conf itself, so the NAT tests prove what the deploy
/// guide installs (its peer deny list, quotas and STUN settings). Only the lines a test bed must change are
/// replaced, and a test fails if one of them is no longer in the file.
/// </summary>
internal static class CoturnConfig
{
    /// <summary>The deploy template for coturn in the public namespace at <paramref name="address"/>.</summary>
    public static string For(string address, string secret, string realm, string pidFile, bool verbose)
    {
        var config = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "turnserver.conf"));
        (string From, string To)[] replacements =
        [
            ("static-auth-secret=REPLACE_WITH_THE_TURN_SECRET", $"static-auth-secret={secret}"),
            ("realm=meet.example.org", $"realm={realm}\nlistening-ip={address}\nrelay-ip={address}"),
            // No certificate here, and TURN over TLS is not part of the NAT matrix.
            ("tls-listening-port=5349", "no-tls\nno-dtls"),
            ("cert=/etc/coturn/fullchain.pem", ""),
            ("pkey=/etc/coturn/privkey.pem", ""),
            // In the bed this documentation range is the public internet, where the homes' NATs are.
            ("denied-peer-ip=203.0.113.0-203.0.113.255", "allowed-peer-ip=203.0.113.0-203.0.113.255"),
            ("log-file=syslog", $"log-file=stdout\npidfile={pidFile}{(verbose ? "\nverbose" : "")}"),
        ];
        foreach (var (from, to) in replacements)
        {
            Assert.True(config.Contains(from, StringComparison.Ordinal), $"deploy/coturn/turnserver.conf no longer has \"{from}\".");
            config = config.Replace(from, to, StringComparison.Ordinal);
        }
        return config;
    }
}
