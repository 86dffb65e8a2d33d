using Microsoft.AspNetCore.DataProtection;

namespace MeetSite.Security;

public sealed class DataProtectionKeysOptions
{
    /// <summary>A folder only the site's user can read; empty keeps ASP.NET Core's default key storage.</summary>
    public string KeysPath { get; set; } = "";
}

/// <summary>
/// The keys that sign the log in and antiforgery cookies. With <c>DataProtection:KeysPath</c> set they live
/// in that folder, so cookies survive restarts and redeploys; otherwise ASP.NET Core's default applies
/// (the user profile, or memory only for a service account without a home, and then every restart logs
/// everyone out).
/// </summary>
public static class DataProtectionKeys
{
    public static IServiceCollection AddDataProtectionKeys(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            // By default the name is the content root path, so a deploy into a new folder would not read old keys.
            .SetApplicationName("MeetSite");
        var options = configuration.GetSection("DataProtection").Get<DataProtectionKeysOptions>() ?? new();
        if (options.KeysPath.Length > 0)
        {
            builder.PersistKeysToFileSystem(new DirectoryInfo(options.KeysPath));
        }
        return services;
    }
}
