using MeetSite.Identity;
using MeetSite.Meetings;
using MeetSite.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeetSite.Pages.Meetings;

public sealed class RoomModel(MeetingStore meetings, CodeLookupLimit lookups) : PageModel
{
    public string Code { get; private set; } = "";
    public string HostName { get; private set; } = "";
    public string InviteLink { get; private set; } = "";

    /// <summary>When a host ended the meeting for everyone: the page then says so and offers no way in.</summary>
    public DateTimeOffset? Ended { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        if (!MeetingCode.TryParse(code, out var parsed))
        {
            return NotFound();
        }
        if (parsed.Value.Value != code)
        {
            // Send a hand-typed variant (capitals, no dashes) to the canonical invite link.
            return RedirectPermanent($"/m/{parsed.Value.Value}");
        }
        if (lookups.IsBlocked(HttpContext, out var retryAfter))
        {
            // The error page explains; a hit is refused too, so the answer tells a guesser nothing.
            RetryAfter.Set(Response, retryAfter);
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }
        var meeting = await meetings.FindByCodeAsync(parsed.Value);
        if (meeting is null)
        {
            lookups.Missed(HttpContext);
            return NotFound();
        }
        await meetings.RecordVisitAsync(User.UserId(), meeting.Id);
        Code = meeting.Code;
        HostName = meeting.HostName;
        InviteLink = $"{Request.Scheme}://{Request.Host}/m/{meeting.Code}";
        Ended = meeting.EndedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null;
        return Page();
    }
}
