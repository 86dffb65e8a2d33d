using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>Someone without camera and microphone can still join, watch and be seen as "off".</summary>
[Collection(BrowserCollection.Name)]
public sealed class NoDevicesCallTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_participant_without_camera_or_microphone_joins_and_sees_the_others()
    {
        await using var ada = await browser.NewParticipantAsync("Ada Devices");
        var link = await ada.RegisterAndStartOpenMeetingAsync();
        await ada.JoinAsync();

        await using var nia = await browser.NewParticipantAsync("Nia Nodevice", withDevices: false);
        await nia.OpenMeetingAsNewUserAsync(link);
        await Assertions.Expect(nia.Page.GetByText("No camera or microphone is available")).ToBeVisibleAsync();
        await nia.JoinAsync();
        await Assertions.Expect(nia.Button("Microphone")).ToBeDisabledAsync();

        await MediaAssert.PlaysAsync(nia, "Ada Devices", withAudio: true);
        var niaAtAda = ada.Tile("Nia Nodevice");
        await Assertions.Expect(niaAtAda.GetByRole(AriaRole.Img, new() { Name = "Microphone off" })).ToBeVisibleAsync();
        await Assertions.Expect(niaAtAda.GetByRole(AriaRole.Img, new() { Name = "Camera off" })).ToBeVisibleAsync();
    }
}
