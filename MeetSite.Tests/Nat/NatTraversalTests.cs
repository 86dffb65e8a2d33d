using System.Text.Json;
using MeetSite.Meetings;
using MeetSite.Tests.Browser;
using Microsoft.Playwright;

namespace MeetSite.Tests.Nat;

/// <summary>One NAT test bed at a time: each runs coturn, MeetSite and two Chromiums.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NatCollection
{
    public const string Name = "NAT";
}

/// <summary>
/// Real calls between two homes behind real (namespace) NATs: which ones connect directly with STUN,
/// which need coturn's relay, and what the page says when nothing gets through.
/// </summary>
[Collection(NatCollection.Name)]
public sealed class NatTraversalTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<string> PairProbe = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Nat", "candidate-pair-probe.js")));

    private static readonly string[] DirectTypes = ["host", "srflx", "prflx"];

    /// <summary>Well beyond Chromium's ICE timeout, which is what the person waits for the message.</summary>
    private static readonly LocatorAssertionsToContainTextOptions WithinIceTimeout = new() { Timeout = 45_000 };

    [NatFact]
    public async Task Port_preserving_NATs_connect_directly_with_STUN_only()
    {
        await using var bed = await NatBed.StartAsync(new());
        var (ada, bob) = await JoinBothAsync(bed);
        await using var _ = ada;
        await using var __ = bob;

        await PlaysBothWaysAsync(ada, bob);
        foreach (var pair in await SelectedPairsAsync(ada, bob))
        {
            Assert.Contains(pair.Local, DirectTypes);
            Assert.Contains(pair.Remote, DirectTypes);
        }
    }

    [NatFact]
    public async Task Symmetric_NATs_with_STUN_only_get_no_media_and_are_told_they_need_TURN()
    {
        await using var bed = await NatBed.StartAsync(new(Symmetric: true));
        var (ada, bob) = await JoinBothAsync(bed);
        await using var _ = ada;
        await using var __ = bob;

        await Assertions.Expect(Alert(ada)).ToContainTextAsync("Could not connect to Bob Home. Your network may need a TURN server", WithinIceTimeout);
        await Assertions.Expect(Alert(bob)).ToContainTextAsync("Could not connect to Ada Home. Your network may need a TURN server", WithinIceTimeout);
        foreach (var person in new[] { ada, bob })
        {
            var other = person == ada ? "Bob Home" : "Ada Home";
            Assert.Equal(0, (await person.SampleMediaAsync(other)).FramesDecoded);
            Assert.All(await PairsAsync(person), pair => Assert.Null(pair.Local));
        }
    }

    [NatFact]
    public async Task Symmetric_NATs_connect_through_the_TURN_relay_with_short_lived_credentials()
    {
        await using var bed = await NatBed.StartAsync(new(Symmetric: true, TurnUrls: [NatBed.TurnUdp]));
        var (ada, bob) = await JoinBothAsync(bed);
        await using var _ = ada;
        await using var __ = bob;

        await PlaysBothWaysAsync(ada, bob);
        Assert.All(await SelectedPairsAsync(ada, bob), pair => Assert.True(pair.Local == "relay" || pair.Remote == "relay", pair.ToString()));
        await Assertions.Expect(Alert(ada)).ToBeHiddenAsync();
    }

    [NatFact]
    public async Task Homes_without_UDP_connect_through_a_TURN_relay_over_TCP()
    {
        await using var bed = await NatBed.StartAsync(new(DropUdp: true, TurnUrls: [NatBed.TurnUdp, NatBed.TurnTcp]));
        var (ada, bob) = await JoinBothAsync(bed);
        await using var _ = ada;
        await using var __ = bob;

        await PlaysBothWaysAsync(ada, bob);
        Assert.All(await SelectedPairsAsync(ada, bob), pair =>
        {
            Assert.Equal("relay", pair.Local);
            Assert.Equal("tcp", pair.RelayProtocol);
        });
    }

    [NatFact]
    public async Task A_forged_or_expired_credential_gets_no_relay_and_the_page_says_the_relay_refused_it()
    {
        // Ada's credential is signed with a secret coturn does not know; Bob's with coturn's, but expired.
        await using var bed = await NatBed.StartAsync(new(Symmetric: true, TurnUrls: [NatBed.TurnUdp], SiteTurnSecret: "not-coturns-secret"));
        var expired = TurnCredentials.Create(new TurnOptions { Secret = bed.CoturnSecret, Urls = { NatBed.TurnUdp } }, "bob", DateTimeOffset.UtcNow.AddMinutes(-5));
        var (ada, bob) = await JoinBothAsync(bed, beforeBobJoins: person => person.Page.RouteAsync("**/api/ice-servers", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = JsonSerializer.Serialize(new { iceServers = new object[] { new { urls = new[] { NatBed.Stun } }, expired } }, Json),
        })));
        await using var _ = ada;
        await using var __ = bob;

        foreach (var person in new[] { ada, bob })
        {
            await Assertions.Expect(Alert(person)).ToContainTextAsync("The TURN relay refused the credentials (401", WithinIceTimeout);
            Assert.All(await PairsAsync(person), pair => Assert.DoesNotContain("relay", pair.Gathered));
        }
    }

    private static ILocator Alert(Participant person) => person.Page.GetByRole(AriaRole.Alert);

    /// <summary>Ada (home a) starts a meeting and joins; Bob (home b) follows the link and joins.</summary>
    private static async Task<(Participant Ada, Participant Bob)> JoinBothAsync(NatBed bed, Func<Participant, Task>? beforeBobJoins = null)
    {
        var ada = await bed.NewParticipantAsync("Ada Home", "a");
        var bob = await bed.NewParticipantAsync("Bob Home", "b");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await LobbyReadyAsync(ada);
        await ada.JoinAsync();
        await bob.OpenMeetingAsNewUserAsync(link);
        if (beforeBobJoins is not null)
        {
            await beforeBobJoins(bob);
        }
        await LobbyReadyAsync(bob);
        await bob.JoinAsync();
        return (ada, bob);
    }

    /// <summary>Two Chromiums on two busy cores can take longer than an assertion's 5 s to open the fake camera.</summary>
    private static Task LobbyReadyAsync(Participant person) =>
        Assertions.Expect(person.Page.GetByRole(AriaRole.Combobox, new() { Name = "Camera" })).ToBeEnabledAsync(new() { Timeout = 30_000 });

    /// <summary>
    /// Relay pairs are checked last, after every direct pair has timed out; on a loaded 2-core machine that
    /// takes a while. So first wait for ICE to connect, then ask for media as the other browser tests do.
    /// </summary>
    private static async Task PlaysBothWaysAsync(Participant ada, Participant bob)
    {
        foreach (var person in new[] { ada, bob })
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            List<CandidatePair> pairs;
            while (!(pairs = await PairsAsync(person)).Exists(pair => pair.State == "connected") && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
            Assert.True(pairs.Exists(pair => pair.State == "connected"), $"{person.DisplayName}: {string.Join("; ", pairs)}");
        }
        try
        {
            await MediaAssert.PlaysAsync(ada, bob.DisplayName, timeoutMs: 30_000);
            await MediaAssert.PlaysAsync(bob, ada.DisplayName, timeoutMs: 30_000);
        }
        catch (Xunit.Sdk.XunitException failure)
        {
            throw new Xunit.Sdk.XunitException($"{failure.Message}\nPairs: {string.Join("; ", await PairsAsync(ada))} / {string.Join("; ", await PairsAsync(bob))}");
        }
    }

    /// <summary>Both sides' selected pairs, once each side has exactly one connected peer connection.</summary>
    private static async Task<List<CandidatePair>> SelectedPairsAsync(params Participant[] people)
    {
        var pairs = new List<CandidatePair>();
        foreach (var person in people)
        {
            var theirs = await PairsAsync(person);
            var pair = Assert.Single(theirs);
            Assert.Equal("connected", pair.State);
            Assert.NotNull(pair.Local);
            pairs.Add(pair);
        }
        return pairs;
    }

    private static async Task<List<CandidatePair>> PairsAsync(Participant person)
    {
        var result = await person.Page.EvaluateAsync<JsonElement>(PairProbe.Value);
        return result.Deserialize<List<CandidatePair>>(Json)!;
    }
}

public sealed record CandidatePair(string State, string? Local, string? Remote, string? RelayProtocol, IReadOnlyList<string> Gathered)
{
    public override string ToString() => $"{State}: {Local} -> {Remote} ({RelayProtocol}); gathered {string.Join(',', Gathered)}";
}
