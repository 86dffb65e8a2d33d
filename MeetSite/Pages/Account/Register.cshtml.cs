using System.ComponentModel.DataAnnotations;
using MeetSite.Identity;
using MeetSite.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace MeetSite.Pages.Account;

[EnableRateLimiting(LoginRateLimit.Policy)]
public sealed class RegisterModel(SignInManager<User> signIn, UserManager<User> users) : PageModel
{
    public const string EmailTaken = "An account with this email already exists. Log in instead.";

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
