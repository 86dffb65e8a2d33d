using System.Net;
using MeetSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MeetSite.Tests.Security;

public sealed class DataProtectionKeysTests
{
    [Fact]
    public async Task A_log_in_cookie_is_still_valid_in_a_new_process_that_reads_the_same_keys_folder()
    {
        var keys = Directory.CreateTempSubdirectory("meetsite-keys-");
        var otherKeys = Directory.CreateTempSubdirectory("meetsite-keys-");
        try
        {
            using var before = new TestSite(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys.FullName });
            using var forms = before.CreateFormClient();
            var registered = await forms.RegisterAsync(FormClient.NewEmail());
            var cookie = registered.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith("meetsite.auth=", StringComparison.Ordinal)).Split(';')[0];

            using var restarted = OnSameDatabase(before, keys);
            using var withOtherKeys = OnSameDatabase(before, otherKeys);

            Assert.Equal(HttpStatusCode.OK, await DashboardStatusAsync(restarted, cookie));
            Assert.Equal(HttpStatusCode.Redirect, await DashboardStatusAsync(withOtherKeys, cookie));
        }
        finally
        {
            keys.Delete(recursive: true);
            otherKeys.Delete(recursive: true);
        }
    }

    private static TestSite OnSameDatabase(TestSite site, DirectoryInfo keys) => new(new Dictionary<string, string?>
    {
        ["ConnectionStrings:MeetSite"] = $"Data Source={site.DatabasePath}",
        ["DataProtection:KeysPath"] = keys.FullName,
    });

    private static async Task<HttpStatusCode> DashboardStatusAsync(TestSite site, string cookie)
    {
        using var http = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Dashboard");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
