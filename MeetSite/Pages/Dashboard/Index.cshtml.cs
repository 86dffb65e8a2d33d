using MeetSite.Identity;
using MeetSite.Meetings;
using MeetSite.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeetSite.Pages.Dashboard;

public sealed class DashboardModel(MeetingStore meetings, CodeLookupLimit lookups) : PageModel
{
    public const string MalformedCode = "That is not a meeting code. Codes look like abc-defg-hij; you can also paste the whole invite link.";
    public const string UnknownCode = "No meeting has that code. Check it with the person who invited you.";
    public const string TooManyLookups = "Too many codes that match no meeting were tried from your account or network. Wait a few minutes, then try again.";

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>"Let people in without asking": a new meeting without the waiting room.</summary>
    [BindProperty]
    public bool OpenToAll { get; set; }

    public IReadOnlyList<MeetingHistoryEntry> History { get; private set; } = [];

    public async Task OnGetAsync() => History = await meetings.HistoryAsync(User.UserId());

    public async Task<IActionResult> OnPostNewAsync()
    {
        var code = await meetings.CreateAsync(User.UserId(), waitingRoom: !OpenToAll);
        return Redirect($"/m/{code.Value}");
    }

    public async Task<IActionResult> OnPostJoinAsync()
    {
        if (!MeetingCode.TryParse(Code, out var code))
        {
            return await PageWithError(MalformedCode);
        }
        if (lookups.IsBlocked(HttpContext, out var retryAfter))
        {
            RetryAfter.Set(Response, retryAfter);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return await PageWithError(TooManyLookups);
        }
        if (await meetings.FindByCodeAsync(code.Value) is null)
        {
            lookups.Missed(HttpContext);
            return await PageWithError(UnknownCode);
        }
        return Redirect($"/m/{code.Value}");
    }

    private async Task<IActionResult> PageWithError(string message)
    {
        ModelState.AddModelError(nameof(Code), message);
        await OnGetAsync();
        return Page();
    }
}
