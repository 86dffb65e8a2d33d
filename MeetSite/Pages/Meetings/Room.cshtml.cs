using MeetSite.Identity;
using MeetSite.Meetings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeetSite.Pages.Meetings;

public sealed class RoomModel(MeetingStore meetings) : PageModel
{
    public string Code { get; private set; } = "";
    public string HostName { get; private set; } = "";
    public string InviteLink { get; private set; } = "";

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
        var meeting = await meetings.FindByCodeAsync(parsed.Value);
        if (meeting is null)
        {
            return NotFound();
        }
        await meetings.RecordVisitAsync(User.UserId(), meeting.Id);
        Code = meeting.Code;
        HostName = meeting.HostName;
        InviteLink = $"{Request.Scheme}://{Request.Host}/m/{meeting.Code}";
        return Page();
    }
}
