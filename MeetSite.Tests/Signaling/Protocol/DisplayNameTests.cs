using MeetSite.Identity;
using MeetSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MeetSite.Tests.Signaling;

/// <summary>Everyone is shown with their account's display name, cleaned: a join cannot choose another.</summary>
public sealed class DisplayNameTests(SignalingSite site) : IClassFixture<SignalingSite>
{
    [Fact]
    public async Task A_join_name_is_ignored_and_the_account_name_is_shown_cleaned_of_bidi_and_control_characters()
    {
        // Register refuses such a name now; an account from before that still has one.
        using var ann = await site.UserAsync("Ann");
        await RenameAsync(ann, "Ann\u202Egnp.exe\u0007");
        using var bob = await site.UserAsync("Bob");
        var code = await bob.NewOpenMeetingAsync();
        await using var bobs = await bob.JoinWsAsync(code, "Bob");
        await using var anns = await ann.ConnectAsync(code);
        var welcome = await anns.JoinAsync("Host");
        Assert.Equal("Anngnp.exe", welcome.GetProperty("you").GetProperty("name").GetString());
        Assert.Equal("Anngnp.exe", (await bobs.NextAsync("joined")).GetProperty("participant").GetProperty("name").GetString());

        var lp = await ann.JoinLongPollAsync(code, "Host");
        Assert.Equal("Anngnp.exe", lp.Welcome.GetProperty("you").GetProperty("name").GetString());

        await anns.SendAsync(Messages.Chat("hi\\u2066 there\\u0000"));
        var chat = await bobs.WaitForAsync("chat");
        Assert.Equal("Anngnp.exe", chat.GetProperty("name").GetString());
        Assert.Equal("hi there", chat.GetProperty("text").GetString());

        await lp.LeaveAsync();
        await anns.LeaveAsync();
        await bobs.LeaveAsync();
        await site.NoLeaksAsync();
    }

    private async Task RenameAsync(SignalingUser user, string displayName)
    {
        using (var scope = site.Site.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var account = (await users.FindByEmailAsync(user.Email))!;
            account.DisplayName = displayName;
            Assert.True((await users.UpdateAsync(account)).Succeeded);
        }
        await user.LogoutAsync();
        Assert.Equal(System.Net.HttpStatusCode.Redirect, (await user.LoginAsync()).StatusCode);
    }
}
