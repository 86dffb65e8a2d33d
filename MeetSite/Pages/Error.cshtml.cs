using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeetSite.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "We could not complete your request. Please try again.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        switch (status)
        {
            case 404:
                Title = "Page not found";
                Message = "There is nothing at this address. Check the link, or start from the home page.";
                break;
            case 400:
                Title = "Request not accepted";
                Message = "The form may have expired. Go back, reload the page and try again.";
                break;
            case 429:
                Title = "Too many attempts";
                Message = "Too many requests came from your account or network (for example, meeting codes that match no meeting). Wait a few minutes, then try again.";
                break;
        }
    }
}
