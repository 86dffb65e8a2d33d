using System.Net;
using System.Text.RegularExpressions;

namespace MeetSite.Tests.Infrastructure;

/// <summary>
/// Drives the site's forms as a browser would: reads the antiforgery token from the page, posts the
/// fields, keeps the cookies. Redirects are not followed, so tests see where they lead.
/// </summary>
public sealed partial class FormClient(HttpClient http) : IDisposable
{
    public const string Password = "correct horse battery";

    public HttpClient Http { get; } = http;

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="pagePath"/>, then posts the form with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pagePath, IDictionary<string, string> fields, string? postPath = null)
    {
        var page = await GetPageAsync(pagePath);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await Http.PostAsync(postPath ?? pagePath, new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> RegisterAsync(string email, string displayName = "Test User", string? returnUrl = null, string password = Password) =>
        SubmitAsync(WithReturnUrl("/Account/Register", returnUrl), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = displayName,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    public Task<HttpResponseMessage> LoginAsync(string email, string password = Password, string? returnUrl = null) =>
        SubmitAsync(WithReturnUrl("/Account/Login", returnUrl), new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    public Task<HttpResponseMessage> LogoutAsync() =>
        SubmitAsync("/Dashboard", new Dictionary<string, string>(), "/Account/Logout");

    /// <summary>Creates a meeting from the dashboard (with its waiting room, the default) and returns its code.</summary>
    public Task<string> NewMeetingAsync() => NewMeetingAsync(openToAll: false);

    /// <summary>
    /// Creates a meeting with "Let people in without asking" ticked: for tests of anything but admission,
    /// where guests should come straight in as they did before the waiting room.
    /// </summary>
    public Task<string> NewOpenMeetingAsync() => NewMeetingAsync(openToAll: true);

    private async Task<string> NewMeetingAsync(bool openToAll)
    {
        var fields = openToAll ? new Dictionary<string, string> { ["OpenToAll"] = "true" } : new Dictionary<string, string>();
        var response = await SubmitAsync("/Dashboard", fields, "/Dashboard?handler=New");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/m/", location);
        return location["/m/".Length..];
    }

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.test";

    public static string AntiforgeryToken(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>The text of the page's role="alert" element, or null when there is none.</summary>
    public static string? AlertText(string html)
    {
        var match = Alert().Match(html);
        return match.Success ? WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", " ")).Trim() : null;
    }

    public void Dispose() => Http.Dispose();

    private static string WithReturnUrl(string path, string? returnUrl) =>
        returnUrl is null ? path : $"{path}?ReturnUrl={Uri.EscapeDataString(returnUrl)}";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("role=\"alert\"[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex Alert();
}
