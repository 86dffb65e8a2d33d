using MeetSite.Meetings;
using Microsoft.AspNetCore.Mvc;

namespace MeetSite.Pages.Account;

/// <summary>Where to go after log in or registration: only a local URL, else the dashboard (no open redirect).</summary>
internal static class ReturnUrls
{
    public const string Default = "/Dashboard";

    public static string Sanitize(IUrlHelper url, string? returnUrl) => Local(url, returnUrl) ?? Default;

    /// <summary><paramref name="returnUrl"/> when it stays on this site, else null (links then carry none).</summary>
    public static string? Local(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : null;

    /// <summary>
    /// The local return URL the current page was asked to keep, from its query or its posted form, so every
    /// account link on it (the header's too) keeps an invitee on the way to the meeting.
    /// </summary>
    public static string? OfRequest(IUrlHelper url, HttpRequest request)
    {
        var returnUrl = request.Query["ReturnUrl"].FirstOrDefault();
        if (returnUrl is null && request.HasFormContentType)
        {
            returnUrl = request.Form["ReturnUrl"].FirstOrDefault();
        }
        return Local(url, returnUrl);
    }

    /// <summary>The meeting code when a local return URL is a meeting page (<c>/m/{code}</c>), else null.</summary>
    public static string? InvitedMeetingCode(string? localReturnUrl) =>
        localReturnUrl is not null && localReturnUrl.StartsWith("/m/", StringComparison.Ordinal)
            && MeetingCode.TryParse(localReturnUrl.Split('?', '#')[0], out var code) ? code.Value.Value : null;
}
