using System.ComponentModel.DataAnnotations;
using MeetSite.Identity;
using MeetSite.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MeetSite.Pages.Account;

[EnableRateLimiting(LoginRateLimit.Policy)]
public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, IPasswordHasher<User> hasher) : PageModel
{
    public const string InvalidCredentials = "The email or password is incorrect.";
    public const string LockedOut = "Too many failed attempts. This account is locked for a few minutes; try again later.";

    // A hash made by the configured hasher, verified when the email is unknown, so both failures take as
    // long at whatever work factor is set.
    private static string? s_dummyHash;

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            var nobody = new User { DisplayName = "" };
            s_dummyHash ??= hasher.HashPassword(nobody, "not-a-password");
            hasher.VerifyHashedPassword(nobody, s_dummyHash, Input.Password);
            ModelState.AddModelError(string.Empty, InvalidCredentials);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrls.Sanitize(Url, ReturnUrl));
        }
        ModelState.AddModelError(string.Empty, result.IsLockedOut ? LockedOut : InvalidCredentials);
        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(1024)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }
}
