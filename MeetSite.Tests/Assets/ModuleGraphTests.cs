using System.Text.RegularExpressions;
using MeetSite.Assets;
using MeetSite.Tests.Infrastructure;
using MeetSite.Tests.Pages.Account;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Assets;

public sealed partial class ModuleGraphTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private static readonly string JsFolder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "wwwroot-src", "js");

    [Fact]
    public void The_meeting_page_imports_every_module_it_needs_at_every_depth()
    {
        var imports = site.Services.GetRequiredService<ModuleGraph>().ImportsOf("/js/room.js");

        // Direct imports, and ones three and four levels down (room → call → signaling → websocket-transport).
        Assert.Contains("/js/call.js", imports);
        Assert.Contains("/js/peer.js", imports);
        Assert.Contains("/js/websocket-transport.js", imports);
        Assert.Contains("/js/longpoll-transport.js", imports);
        Assert.DoesNotContain("/js/room.js", imports);
        Assert.Equal(imports.Count, imports.Distinct().Count());
        // Every module the page's tree reaches, found independently by reading the files' imports.
        Assert.Equal(ReachableByHand("room.js").Order(), imports.Select(i => i["/js/".Length..]).Order());
    }

    [Fact]
    public void The_lobby_entry_needs_only_the_lobby_and_the_rest_comes_later()
    {
        var graph = site.Services.GetRequiredService<ModuleGraph>();
        var first = graph.ImportsOf("/js/meeting.js");
        var later = graph.LaterModules("/js/meeting.js", "/js/room.js");

        Assert.Contains("/js/lobby.js", first);
        Assert.Contains("/js/media.js", first);
        Assert.DoesNotContain("/js/call.js", first); // meeting.js's import('./room.js') is not a static import
        Assert.Equal("/js/room.js", later[0]);
        Assert.Contains("/js/websocket-transport.js", later);
        Assert.Empty(later.Intersect(first));
        Assert.DoesNotContain("/js/meeting.js", later);
        // Together: everything either tree reaches, each once.
        var byHand = ReachableByHand("meeting.js").Union(ReachableByHand("room.js")).Append("room.js").ToHashSet();
        Assert.Equal(byHand.Order(), first.Concat(later).Select(i => i["/js/".Length..]).Order());
    }

    [Fact]
    public async Task The_meeting_page_preloads_the_lobby_and_lists_the_rest()
    {
        using var client = site.CreateFormClient();
        await client.RegisterAsync(FormClient.NewEmail());
        var html = await client.GetPageAsync($"/m/{await client.NewMeetingAsync()}");
        var graph = site.Services.GetRequiredService<ModuleGraph>();

        var preloaded = Preload().Matches(html).Select(m => m.Groups["href"].Value).ToList();
        Assert.Equal(graph.ImportsOf("/js/meeting.js"), preloaded);
        Assert.True(html.IndexOf("modulepreload", StringComparison.Ordinal) < html.IndexOf("</head>", StringComparison.Ordinal));
        var listed = LaterList().Match(html).Groups["modules"].Value.Split(' ');
        Assert.Equal(graph.LaterModules("/js/meeting.js", "/js/room.js"), listed);
    }

    private static HashSet<string> ReachableByHand(string entry)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([entry]);
        while (pending.TryPop(out var module))
        {
            foreach (Match m in ImportLine().Matches(File.ReadAllText(Path.Combine(JsFolder, module))))
            {
                if (found.Add(m.Groups["file"].Value))
                {
                    pending.Push(m.Groups["file"].Value);
                }
            }
        }
        return found;
    }

    [GeneratedRegex("""^import .*?'\./(?<file>[a-z-]+\.js)';$""", RegexOptions.Multiline)]
    private static partial Regex ImportLine();

    [GeneratedRegex("""<link rel="modulepreload" href="(?<href>[^"]+)">""")]
    private static partial Regex Preload();

    [GeneratedRegex("""<meta name="modules-later" content="(?<modules>[^"]+)">""")]
    private static partial Regex LaterList();
}
