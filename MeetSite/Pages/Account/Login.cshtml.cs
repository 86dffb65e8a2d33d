using System.ComponentModel.DataAnnotations;
using System.Globalization;
using MeetSite.Identity;
using MeetSite.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MeetSite.Pages.Account;

[EnableRateLimiting(LoginRateLimit.Policy)]
public sealed class LoginModel(SignInManager<User> signIn, UserManager<User> users, IPasswordHasher<User> hasher,
    LoginThrottle throttle, IOptions<IdentityOptions> identity) : PageModel
{
    public const string InvalidCredentials = "The email or password is incorrect.";
    public const string LockedOut = "Too many failed attempts. This account is locked for a few minutes; try again later.";
    public const string Throttled = "Too many failed attempts. Wait a little and try again.";

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
        var email = Input.Email.Trim();
        var account = users.NormalizeEmail(email) ?? email;
        var address = ClientAddress.Key(HttpContext);
        var wait = throttle.TryBegin(address, account);
        if (wait > TimeSpan.Zero)
        {
            // The password is not even checked, so waiting out the delay is the only way on.
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, Throttled);
            return Page();
        }
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var nobody = new User { DisplayName = "" };
            s_dummyHash ??= hasher.HashPassword(nobody, "not-a-password");
            hasher.VerifyHashedPassword(nobody, s_dummyHash, Input.Password);
            // An unknown email "locks" after as many failures as a real account, so neither answer tells them apart.
            var locked = throttle.AccountFailures(account) >= identity.Value.Lockout.MaxFailedAccessAttempts;
            ModelState.AddModelError(string.Empty, locked ? LockedOut : InvalidCredentials);
            return Page();
        }
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: true, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            throttle.Succeeded(address, account);
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
