using MeetSite.Assets;

namespace MeetSite.Pages;

public static class PagesSetup
{
    public static IServiceCollection AddMeetSitePages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            // Home, Log in and Register stay public; everything about meetings needs an account.
            options.Conventions.AuthorizeFolder("/Dashboard");
            options.Conventions.AuthorizeFolder("/Meetings");
        });
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "meetsite.csrf";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton<ModuleGraph>();
        return services;
    }
}
