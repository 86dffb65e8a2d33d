using MeetSite.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MeetSite.Identity;

public static class IdentitySetup
{
    public const string LoginPath = "/Account/Login";

    /// <summary>
    /// How often a signed-in cookie's security stamp is checked in the database; a cookie that passes is
    /// renewed (issued again), so a page that keeps its cookies gets a new one this often.
    /// </summary>
    public static readonly TimeSpan StampCheckInterval = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddMeetSiteIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BcryptOptions>(configuration.GetSection("Identity:Bcrypt"));
        services.AddSingleton<IPasswordHasher<User>, BcryptPasswordHasher>();
        services.AddSingleton<SessionEvents>();

        services.AddIdentity<User, IdentityRole>(options =>
            {
                // Length, not composition rules (NIST 800-63B / ASVS 2.1).
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = true;
                // The hard lockout is a last resort behind LoginThrottle's growing delays: at 20 failures a
                // stranger needs many minutes of waits before they can lock anyone out (see README, Security).
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 20;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                configuration.GetSection("Identity:Lockout").Bind(options.Lockout);
            })
            .AddEntityFrameworkStores<MeetSiteDb>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<DisplayNameClaims>();

        // Log out ends sessions at once through SessionEvents; the stamp check in the database catches
        // cookies that outlived a restart, within a minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = StampCheckInterval);

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = LoginPath;
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = LoginPath;
            options.Cookie.Name = "meetsite.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.ExpireTimeSpan = TimeSpan.FromDays(14);
            options.SlidingExpiration = true;
            // Endpoints that scripts call answer 401/403 instead of redirecting to the log in page.
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
            options.Events.OnValidatePrincipal = RejectSignedOutOrValidateStamp;
        });
        // After the cookie handler's own post-configuration has made the data-protection format.
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<TimeProvider>((options, clock) => options.TicketDataFormat = new CachedTicketFormat(
                options.TicketDataFormat ?? throw new InvalidOperationException("The cookie's ticket format is not set yet."), clock));
        return services;
    }

    private static async Task RejectSignedOutOrValidateStamp(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionEvents>();
        if (context.Principal is { } principal && sessions.IsSignedOut(principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Resolving the validator builds SignInManager, UserManager and a DbContext for the request; it then
        // does nothing unless the interval is over. Long-polling sends every message as a request, so ask
        // first, by the same rule the validator uses.
        if (IsStampCheckDue(context))
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context);
        }
    }

    private static bool IsStampCheckDue(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        return context.Properties.IssuedUtc is not { } issued || now - issued > options.ValidationInterval;
    }

    private static Task RedirectOrStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/signal") || context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
