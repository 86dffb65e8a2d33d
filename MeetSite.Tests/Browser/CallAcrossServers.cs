namespace MeetSite.Tests.Browser;

/// <summary>
/// A two-person call to carry from one server process to the next (a restart, a drain): Ada on WebSocket and
/// Bob on long-polling, so both transports must come back. <see cref="AssertCarriedOnAsync"/> checks that the
/// call was not rebuilt: the same peer connections, and the remote video went on from where it was.
/// </summary>
internal sealed class CallAcrossServers : IAsyncDisposable
{
    private string _adaBefore = "";
    private string _bobBefore = "";
    private double _timeBefore;

    private CallAcrossServers(Participant ada, Participant bob) => (Ada, Bob) = (ada, bob);

    public Participant Ada { get; }

    public Participant Bob { get; }

    public static async Task<CallAcrossServers> StartAsync(BrowserFixture browser, Uri site)
    {
        var ada = await browser.NewParticipantAsync("Ada Host", baseAddress: site);
        var bob = await browser.NewParticipantAsync("Bob Guest", baseAddress: site);
        var call = new CallAcrossServers(ada, bob);
        try
        {
            var link = await ada.RegisterAndStartOpenMeetingAsync();
            await ada.JoinAsync();
            await bob.OpenMeetingAsNewUserAsync(link, "?transport=longpoll");
            await bob.JoinAsync();
            await MediaAssert.PlaysAsync(ada, "Bob Guest");
            await MediaAssert.PlaysAsync(bob, "Ada Host");
            call._adaBefore = await ada.PeerConnectionsAsync();
            call._bobBefore = await bob.PeerConnectionsAsync();
            call._timeBefore = (await ada.SampleMediaAsync("Bob Guest")).Time;
            return call;
        }
        catch
        {
            await call.DisposeAsync();
            throw;
        }
    }

    /// <summary>The same peer connections, never renegotiated, and the remote video went on from where it was.</summary>
    public async Task AssertCarriedOnAsync()
    {
        Assert.Equal(_adaBefore, await Ada.PeerConnectionsAsync());
        Assert.Equal(_bobBefore, await Bob.PeerConnectionsAsync());
        await MediaAssert.PlaysAsync(Ada, "Bob Guest");
        await MediaAssert.PlaysAsync(Bob, "Ada Host");
        Assert.True((await Ada.SampleMediaAsync("Bob Guest")).Time > _timeBefore, "the remote video started again from zero");
    }

    public async ValueTask DisposeAsync()
    {
        await Bob.DisposeAsync();
        await Ada.DisposeAsync();
    }
}
