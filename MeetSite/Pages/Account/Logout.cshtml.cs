using System.Security.Claims;
using MeetSite.Data;
using MeetSite.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeetSite.Pages.Account;

public sealed class LogoutModel(SignInManager<User> signIn, UserManager<User> users, MeetSiteDb db, SessionEvents sessions) : PageModel
{
    // Another write to the user (a second log out, a re-hash, a failed log in's counter) between our read
    // and our save is a concurrency failure; reading again and retrying is all it needs.
    private const int Attempts = 3;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            var before = await RotateSecurityStampAsync(user);
            // Revoke what this cookie carries and what the database held until now; never the new stamp,
            // which the next log in will carry.
            sessions.RaiseUserSignedOut(user.Id, [User.FindFirstValue(SessionEvents.SecurityStampClaimType), before]);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }

    /// <summary>A new security stamp invalidates every cookie issued so far; returns the stamp it replaced.</summary>
    private async Task<string?> RotateSecurityStampAsync(User user)
    {
        for (var attempt = 1; ; attempt++)
        {
            var before = user.SecurityStamp;
            var result = await users.UpdateSecurityStampAsync(user);
            if (result.Succeeded)
            {
                return before;
            }
            if (attempt == Attempts || !result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                // Failing loudly keeps the cookie: the user sees an error and can log out again, rather
                // than believing other devices were signed out when they were not.
                throw new InvalidOperationException($"Log out could not rotate the security stamp: {string.Join("; ", result.Errors.Select(e => e.Code))}");
            }
            await db.Entry(user).ReloadAsync();
        }
    }
}
