using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MeetSite.Assets;

/// <summary>
/// <c>&lt;module-preloads entry="/js/room.js" /&gt;</c> renders one <c>&lt;link rel="modulepreload"&gt;</c>
/// per module the entry imports (<see cref="ModuleGraph"/>), at the URLs the imports resolve to. With
/// <c>later="/js/room.js"</c>, a module the entry imports dynamically, it also renders
/// <c>&lt;meta name="modules-later" content="..."&gt;</c>: that module and the rest of its tree, for the entry
/// to preload side by side when it imports it, after what the page needs first.
/// </summary>
[HtmlTargetElement("module-preloads", Attributes = "entry", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ModulePreloadTagHelper(ModuleGraph graph) : TagHelper
{
    public string Entry { get; set; } = "";

    public string? Later { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        foreach (var module in graph.ImportsOf(Entry))
        {
            output.Content.AppendHtml("<link rel=\"modulepreload\" href=\"");
            output.Content.Append(module);
            output.Content.AppendHtml("\">\n");
        }
        if (Later is not null)
        {
            output.Content.AppendHtml("<meta name=\"modules-later\" content=\"");
            output.Content.Append(string.Join(' ', graph.LaterModules(Entry, Later)));
            output.Content.AppendHtml("\">\n");
        }
    }
}
