using System.Net;
using Dapper;
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

    [Fact]
    public async Task A_log_in_cookie_from_one_process_is_accepted_by_another_process_on_the_same_database_with_the_keys_in_it()
    {
        using var database = TestDatabase.Create();
        var keysInDatabase = new Dictionary<string, string?>(database.Settings) { ["DataProtection:KeysInDatabase"] = "true" };
        var ownKeys = Directory.CreateTempSubdirectory("meetsite-keys-");
        try
        {
            string cookie;
            using (var first = await SiteProcess.StartAsync(keysInDatabase))
            {
                using var ann = await SignalingUser.RegisterAsync(first.BaseUri, "Ann");
                cookie = $"meetsite.auth={ann.Cookies.GetCookies(first.BaseUri)["meetsite.auth"]!.Value}";
                Assert.Equal(HttpStatusCode.OK, await DashboardStatusAsync(first.BaseUri, cookie));
            }
            await using (var db = await database.OpenAsync())
            {
                Assert.Equal(1, await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM DataProtectionKeys"));
            }

            // The first process is gone: the second has only the database to go on.
            using var second = await SiteProcess.StartAsync(keysInDatabase);
            using var keysElsewhere = await SiteProcess.StartAsync(
                new Dictionary<string, string?>(database.Settings) { ["DataProtection:KeysPath"] = ownKeys.FullName });

            Assert.Equal(HttpStatusCode.OK, await DashboardStatusAsync(second.BaseUri, cookie));
            Assert.Equal(HttpStatusCode.Redirect, await DashboardStatusAsync(keysElsewhere.BaseUri, cookie));
        }
        finally
        {
            ownKeys.Delete(recursive: true);
        }
    }

    [Fact]
    public void Keys_in_a_folder_and_in_the_database_at_once_stop_the_site_with_a_message_naming_both()
    {
        var keys = Directory.CreateTempSubdirectory("meetsite-keys-");
        try
        {
            var failure = Record.Exception(() =>
            {
                using var site = new TestSite(new Dictionary<string, string?>
                {
                    ["DataProtection:KeysPath"] = keys.FullName,
                    ["DataProtection:KeysInDatabase"] = "true",
                });
                site.CreateClient().Dispose();
            });

            Assert.NotNull(failure);
            Assert.Contains("DataProtection:KeysPath and DataProtection:KeysInDatabase are both set", failure.ToString());
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }

    private static TestSite OnSameDatabase(TestSite site, DirectoryInfo keys) =>
        new(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = keys.FullName }, database: site.Database);

    private static async Task<HttpStatusCode> DashboardStatusAsync(TestSite site, string cookie)
    {
        using var http = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        return await DashboardStatusAsync(http, cookie);
    }

    private static async Task<HttpStatusCode> DashboardStatusAsync(Uri site, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site };
        return await DashboardStatusAsync(http, cookie);
    }

    private static async Task<HttpStatusCode> DashboardStatusAsync(HttpClient http, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Dashboard");
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
