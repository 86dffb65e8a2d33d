namespace MeetSite.Cluster;

/// <summary>
/// Running several nodes behind one proxy (docs/signaling.md, "Several nodes"): read from the
/// <c>Signaling</c> section. Without <see cref="Redis"/> the site is one node on its own, as by default.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Signaling";

    /// <summary>A StackExchange.Redis connection string; empty: a single node.</summary>
    public string Redis { get; set; } = "";

    /// <summary>How the other nodes reach this one (e.g. <c>http://10.0.0.5:8080</c>); empty: its first listening address.</summary>
    public string NodeUrl { get; set; } = "";

    /// <summary>How long a node's claim to be a meeting's home lasts without renewal (it renews every third of it).</summary>
    public TimeSpan HomeLease { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => Redis.Length > 0;
}
