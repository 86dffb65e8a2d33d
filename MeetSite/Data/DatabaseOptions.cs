namespace MeetSite.Data;

/// <summary>
/// <c>Database:Provider</c>: <c>sqlite</c> (the default, one node, a file created on first start) or
/// <c>postgres</c> (several nodes on one database, <c>ConnectionStrings:Postgres</c>).
/// </summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string Provider { get; set; } = Sqlite;

    internal static DatabaseOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new();
        options.Provider = options.Provider.Trim().ToLowerInvariant();
        if (options.Provider is not (Sqlite or Postgres))
        {
            throw new InvalidOperationException(
                $"Database:Provider is \"{options.Provider}\"; it must be \"{Sqlite}\" or \"{Postgres}\".");
        }
        return options;
    }
}
