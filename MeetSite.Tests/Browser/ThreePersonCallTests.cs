namespace MeetSite.Tests.Browser;

/// <summary>A mesh of three: everyone sees everyone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ThreePersonCallTests(BrowserFixture browser)
{
    [Fact]
    public async Task Three_people_each_see_the_other_two_playing()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Three");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();
        await using var bob = await browser.NewParticipantAsync("Bob Three");
        await bob.OpenMeetingAsNewUserAsync(link);
        await bob.JoinAsync();
        await using var cyd = await browser.NewParticipantAsync("Cyd Three");
        await cyd.OpenMeetingAsNewUserAsync(link);
        await cyd.JoinAsync();

        Participant[] everyone = [ada, bob, cyd];
        foreach (var viewer in everyone)
        {
            foreach (var other in everyone.Where(p => p != viewer))
            {
                await MediaAssert.PlaysAsync(viewer, other.DisplayName);
            }
        }

        // With two peers each sender caps its video (quality.js: 800 kbps, 1.5 times smaller).
        foreach (var person in everyone)
        {
            var caps = await person.Page.EvaluateAsync<double[][]>(VideoSenderCaps);
            Assert.Equal(2, caps.Length);
            Assert.All(caps, c => Assert.Equal([800_000, 1.5], c));
        }
    }

    private const string VideoSenderCaps = """
        () => window.__peerConnections.filter(pc => pc.connectionState !== 'closed')
          .flatMap(pc => pc.getSenders()).filter(s => s.track && s.track.kind === 'video')
          .map(s => { const e = s.getParameters().encodings[0]; return [e.maxBitrate || 0, e.scaleResolutionDownBy || 1]; })
        """;
}
