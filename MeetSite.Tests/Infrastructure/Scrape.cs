using System.Globalization;
using System.Text.RegularExpressions;

namespace MeetSite.Tests.Infrastructure;

/// <summary>One read of <c>/metrics</c> (the Prometheus text format): the value of a series by name and labels.</summary>
public sealed partial class Scrape(string text)
{
    public string Text => text;

    public static async Task<Scrape> ReadAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sum of every series named <paramref name="name"/> that has all of <paramref name="labels"/> (0 when none).</summary>
    public double Value(string name, params (string Name, string Value)[] labels) =>
        Series(name).Where(s => labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value)).Sum(s => s.Value);

    public bool Has(string name) => Series(name).Any();

    private IEnumerable<(Dictionary<string, string> Labels, double Value)> Series(string name)
    {
        foreach (var line in text.Split('\n'))
        {
            if (SeriesLine().Match(line) is not { Success: true } match || match.Groups["name"].Value != name)
            {
                continue;
            }
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            yield return (labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)""")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"(\w+)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
