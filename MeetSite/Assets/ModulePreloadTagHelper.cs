using Microsoft.AspNetCore.Razor.TagHelpers;

namespace MeetSite.Assets;

/// <summary>
/// <c>&lt;module-preloads entry="/js/room.js" /&gt;</c> renders one <c>&lt;link rel="modulepreload"&gt;</c>
/// per module the entry imports (<see cref="ModuleGraph"/>), at the URLs the imports resolve to.
/// </summary>
[HtmlTargetElement("module-preloads", Attributes = "entry", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ModulePreloadTagHelper(ModuleGraph graph) : TagHelper
{
    public string Entry { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        foreach (var module in graph.ImportsOf(Entry))
        {
            output.Content.AppendHtml("<link rel=\"modulepreload\" href=\"");
            output.Content.Append(module);
            output.Content.AppendHtml("\">\n");
        }
    }
}
