using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MeetSite.Pages;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
