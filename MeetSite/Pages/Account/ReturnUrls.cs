using Microsoft.AspNetCore.Mvc;

namespace MeetSite.Pages.Account;

/// <summary>Where to go after log in or registration: only a local URL, else the dashboard (no open redirect).</summary>
internal static class ReturnUrls
{
    public const string Default = "/Dashboard";

    public static string Sanitize(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : Default;
}
