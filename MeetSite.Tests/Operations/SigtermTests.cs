using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Operations;

/// <summary>The site as deployed, a process of its own, told to stop the way systemd does: SIGTERM.</summary>
public sealed class SigtermTests
{
    [Fact]
    public async Task Sigterm_moves_clients_with_4003_and_exits_within_the_drain_time_even_when_a_client_never_answers_the_close()
    {
        var database = SqliteFiles.NewPath("ops-sigterm");
        try
        {
            using var site = await SiteProcess.StartAsync(LoopbackPort.Free(), new Dictionary<string, string?>
            {
                ["ConnectionStrings:MeetSite"] = $"Data Source={database}",
                ["Shutdown:DrainTimeout"] = "00:00:02",
                // Without the drain time, the stubborn socket below would hold the process this long.
                ["Signaling:CloseTimeout"] = "00:00:30",
                ["Logging:Console:FormatterName"] = "json",
                ["Logging:LogLevel:MeetSite.Signaling"] = "Debug",
            });
            using var ann = await SignalingUser.RegisterAsync(site.BaseUri, "Ann");
            var code = await ann.NewOpenMeetingAsync();
            await using var a = await ann.JoinWsAsync(code, "Ann");
            // Joined, then never reads again: it cannot answer the server's close frame.
            await using var stubborn = await ann.JoinWsAsync(code, "Stubborn");
            await a.NextAsync("joined");
            using var http = new HttpClient { BaseAddress = site.BaseUri };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

            var closed = a.WaitForCloseAsync();
            var took = await site.TerminateAsync(TimeSpan.FromSeconds(20));

            Assert.Equal((WebSocketCloseStatus)4003, await closed);
            Assert.InRange(took, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));

            // The console wrote one JSON object per line, and the relay's lines of the meeting carry its code.
            var lines = site.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.NotEmpty(lines);
            var joined = lines.Where(l => l.GetProperty("Category").GetString() == "MeetSite.Signaling.SignalingRelay"
                && l.GetProperty("Message").GetString()!.Contains(" joined ")).ToList();
            Assert.Equal(2, joined.Count);
            Assert.All(joined, l => Assert.Contains(l.GetProperty("Scopes").EnumerateArray(),
                scope => scope.TryGetProperty("MeetingCode", out var c) && c.GetString() == code));
            Assert.Contains(lines, l => l.GetProperty("Message").GetString()!.StartsWith("Draining: 2 signaling connections", StringComparison.Ordinal));
        }
        finally
        {
            SqliteFiles.Delete(database);
        }
    }
}
