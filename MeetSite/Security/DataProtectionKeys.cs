using MeetSite.Data;
using Microsoft.AspNetCore.DataProtection;

namespace MeetSite.Security;

public sealed class DataProtectionKeysOptions
{
    /// <summary>A folder only the site's user can read; empty keeps ASP.NET Core's default key storage.</summary>
    public string KeysPath { get; set; } = "";

    /// <summary>Keeps the keys in the site's database, where every node on it reads the same ones.</summary>
    public bool KeysInDatabase { get; set; }
}

/// <summary>
/// The keys that sign the log in and antiforgery cookies (and resume tokens). With
/// <c>DataProtection:KeysInDatabase</c> they live in the site's database, so several nodes on one Postgres
/// accept each other's cookies; with <c>DataProtection:KeysPath</c> in that folder, so cookies survive
/// restarts and redeploys of one node; otherwise ASP.NET Core's default applies (the user profile, or
/// memory only for a service account without a home, and then every restart logs everyone out).
/// </summary>
public static class DataProtectionKeys
{
    public static IServiceCollection AddDataProtectionKeys(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            // By default the name is the content root path, so a deploy into a new folder would not read old keys.
            .SetApplicationName("MeetSite");
        var options = configuration.GetSection("DataProtection").Get<DataProtectionKeysOptions>() ?? new();
        if (options.KeysInDatabase && options.KeysPath.Length > 0)
        {
            throw new InvalidOperationException(
                "DataProtection:KeysPath and DataProtection:KeysInDatabase are both set; keep the keys in one place.");
        }
        if (options.KeysInDatabase)
        {
            builder.PersistKeysToDbContext<MeetSiteDb>();
        }
        else if (options.KeysPath.Length > 0)
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(options.KeysPath));
        }
        return services;
    }
}
