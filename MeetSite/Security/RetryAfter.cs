using System.Globalization;

namespace MeetSite.Security;

public static class RetryAfter
{
    /// <summary>Sets the <c>Retry-After</c> header in whole seconds, rounded up; nothing for a zero wait.</summary>
    public static void Set(HttpResponse response, TimeSpan after)
    {
        if (after > TimeSpan.Zero)
        {
            response.Headers.RetryAfter = ((long)Math.Ceiling(after.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
    }
}
