using MeetSite.Meetings;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MeetSite.Tests.Meetings;

public sealed class IceServerOptionsTests
{
    [Fact]
    public void No_ICE_servers_are_configured_by_default()
    {
        using var site = new TestSite();
        var options = site.Services.GetRequiredService<IOptions<IceServerOptions>>().Value;
        Assert.Empty(options.IceServers);
        Assert.Equal("[]", options.ToBrowserJson());
    }

    [Fact]
    public void Configured_servers_reach_the_browser_as_RTCIceServer_JSON()
    {
        using var site = new TestSite(new Dictionary<string, string?>
        {
            ["WebRtc:IceServers:0:Urls:0"] = "stun:stun.example.net:3478",
            ["WebRtc:IceServers:1:Urls:0"] = "turn:turn.example.net:3478?transport=udp",
            ["WebRtc:IceServers:1:Urls:1"] = "turns:turn.example.net:5349",
            ["WebRtc:IceServers:1:Username"] = "meet",
            ["WebRtc:IceServers:1:Credential"] = "s3cret",
        });
        var json = site.Services.GetRequiredService<IOptions<IceServerOptions>>().Value.ToBrowserJson();
        Assert.Equal(
            """[{"urls":["stun:stun.example.net:3478"]},{"urls":["turn:turn.example.net:3478?transport=udp","turns:turn.example.net:5349"],"username":"meet","credential":"s3cret"}]""",
            json);
    }

    [Fact]
    public async Task The_meeting_page_carries_them_encoded_in_a_data_attribute_not_in_a_script()
    {
        using var site = new TestSite(new Dictionary<string, string?> { ["WebRtc:IceServers:0:Urls:0"] = "stun:a.example\"><script>" });
        using var client = site.CreateFormClient();
        await client.RegisterAsync(FormClient.NewEmail());
        var code = await client.NewMeetingAsync();
        var page = await client.GetPageAsync($"/m/{code}");
        Assert.Contains("data-ice-servers=\"[{&quot;urls&quot;:[&quot;stun:a.example\\u0022\\u003E\\u003Cscript\\u003E&quot;]}]\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
    }
}
