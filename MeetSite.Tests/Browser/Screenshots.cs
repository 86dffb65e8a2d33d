using Microsoft.Playwright;

namespace MeetSite.Tests.Browser;

/// <summary>Saves a page as a PNG in the folder MEETSITE_SCREENSHOTS names; without it, only lets the page settle.</summary>
public static class Screenshots
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("MEETSITE_SCREENSHOTS");

    public static async Task ShootAsync(IPage page, string name)
    {
        await page.WaitForTimeoutAsync(400);
        if (Folder is null)
        {
            return;
        }
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, name + ".png") });
    }
}
