using MeetSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeetSite.Pages.Account;

public sealed class LogoutModel(SignInManager<User> signIn, UserManager<User> users, SessionEvents sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            // A new security stamp invalidates every cookie issued so far, not just this browser's.
            await users.UpdateSecurityStampAsync(user);
            sessions.RaiseUserSignedOut(user.Id, user.SecurityStamp!);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
