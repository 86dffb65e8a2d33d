using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace MeetSite.Assets;

/// <summary>
/// The static imports of the site's ES modules, read from the served files themselves: every module an
/// entry module pulls in, in the order a browser would find them. A page lists them as modulepreload
/// links so a slow link fetches them all at once instead of one level of the import tree per round
/// trip. Read once per entry and kept (the files of a running site do not change).
/// </summary>
public sealed partial class ModuleGraph(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _imports = new();
    private readonly ConcurrentDictionary<(string Entry, string Later), IReadOnlyList<string>> _later = new();

    /// <summary>
    /// The URL paths (e.g. <c>/js/call.js</c>) of every module <paramref name="entry"/> imports directly or
    /// indirectly, without the entry itself. A relative import that names no served file is an error.
    /// </summary>
    public IReadOnlyList<string> ImportsOf(string entry) => _imports.GetOrAdd(entry, Walk);

    /// <summary>
    /// <paramref name="later"/> (a module <paramref name="entry"/> imports dynamically) and every module it
    /// imports, without those <paramref name="entry"/> has loaded already: what importing it will fetch.
    /// </summary>
    public IReadOnlyList<string> LaterModules(string entry, string later) =>
        _later.GetOrAdd((entry, later), static (pair, graph) =>
        {
            var loaded = graph.ImportsOf(pair.Entry).Append(pair.Entry).ToHashSet(StringComparer.Ordinal);
            return [.. graph.ImportsOf(pair.Later).Prepend(pair.Later).Where(module => !loaded.Contains(module))];
        }, this);

    private IReadOnlyList<string> Walk(string entry)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { entry };
        var order = new List<string>();
        var pending = new Queue<string>([entry]);
        while (pending.TryDequeue(out var module))
        {
            foreach (var import in StaticImports(module))
            {
                if (seen.Add(import))
                {
                    order.Add(import);
                    pending.Enqueue(import);
                }
            }
        }
        return order;
    }

    private IEnumerable<string> StaticImports(string module)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(module);
        if (!file.Exists)
        {
            throw new InvalidOperationException($"The module {module} is not among the site's static files.");
        }
        using var reader = new StreamReader(file.CreateReadStream());
        var source = reader.ReadToEnd();
        var folder = module[..(module.LastIndexOf('/') + 1)];
        foreach (Match match in ImportPattern().Matches(source))
        {
            // Only relative specifiers: the site's own modules, resolved as the browser resolves them.
            yield return new Uri(new Uri("http://site" + folder), match.Groups["path"].Value).AbsolutePath;
        }
    }

    /// <summary>
    /// <c>import './a.js';</c>, <c>import { x } from '../b.js';</c>, <c>export { y } from './c.js';</c> at a
    /// line's start; not <c>import('./d.js')</c>, which loads when the code runs.
    /// </summary>
    [GeneratedRegex("""^\s*(?:import|export)\b(?!\s*\()[^'";]*?(?:\bfrom\s*)?['"](?<path>\.{1,2}/[^'"]+)['"]""", RegexOptions.Multiline)]
    private static partial Regex ImportPattern();
}
