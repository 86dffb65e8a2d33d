using System.ComponentModel.DataAnnotations;
using MeetSite.Identity;
using MeetSite.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MeetSite.Pages.Account;

// Register must say when an email is taken: with no email verification there is no other channel to
// tell the real owner, and a generic answer would leave them without an account and without a reason.
// So it reveals existence, and a per-address budget per hour keeps that from being a fast oracle.
[EnableRateLimiting(LoginRateLimit.RegisterPolicy)]
public sealed class RegisterModel(SignInManager<User> signIn, UserManager<User> users) : PageModel
{
    public const string EmailTaken = "An account with this email already exists. Log in instead.";
    public const string UnsafeDisplayName = "The display name cannot contain control characters or text-direction overrides.";

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.DisplayName = Input.DisplayName?.Trim() ?? "";
        if (HasUnsafeCharacters(Input.DisplayName))
        {
            ModelState.AddModelError("Input.DisplayName", UnsafeDisplayName);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var email = Input.Email.Trim();
        var user = new User { UserName = email, Email = email, DisplayName = Input.DisplayName };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                var message = error.Code is "DuplicateEmail" or "DuplicateUserName" ? EmailTaken : error.Description;
                if (!ModelState.Values.SelectMany(v => v.Errors).Any(e => e.ErrorMessage == message))
                {
                    ModelState.AddModelError(string.Empty, message);
                }
            }
            return Page();
        }
        await signIn.SignInAsync(user, isPersistent: true);
        return LocalRedirect(ReturnUrls.Sanitize(Url, ReturnUrl));
    }

    /// <summary>
    /// Control characters and bidi overrides/isolates, which could make a name render as someone else's
    /// or reorder the text around it. One place, to be pointed at the shared display-name cleaner later.
    /// </summary>
    // Refused rather than silently cleaned, so the person sees the name others will see.
    internal static bool HasUnsafeCharacters(string name) => UserText.CleanName(name) != name.Trim();

    public sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(256, ErrorMessage = "The email is too long.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter a display name.")]
        [StringLength(MeetSite.Identity.User.DisplayNameMaxLength, ErrorMessage = "Keep the display name to 64 characters or fewer.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(1024, MinimumLength = 8, ErrorMessage = "The password must have at least 8 characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirm your password.")]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirm password")]
        public string ConfirmPassword { get; set; } = "";
    }
}
