using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

/// <summary>
/// The process that held a meeting is gone and a new one (same port, database and keys) has none of it in
/// memory. Participants come back with their resume tokens as who they were.
/// </summary>
public sealed class ResumeAfterRestartTests : IDisposable
{
    private readonly RestartableSite _site = new(new Dictionary<string, string?>(SignalingSite.FastTimers)
    {
        ["Signaling:RestoreWindow"] = "00:00:30",
    });

    [Fact]
    public async Task Participants_come_back_to_a_new_process_with_their_ids_and_their_numbering_goes_on()
    {
        using var meeting = await TwoAccountsAndAMeetingAsync();
        var (first, annUser, bobUser, code) = meeting;
        await using var a = await annUser.JoinWsAsync(code, "Ann");
        await using var b = await bobUser.JoinWsAsync(code, "Bob");
        await a.NextAsync("joined");
        await a.SignalAsync(b.Id, """{"candidate":{"candidate":"before"}}""");
        await b.NextAsync("signal");
        first.Dispose();
        await a.WaitForCloseAsync();

        _site.Start();
        await using var a2 = await annUser.ConnectAsync(code);
        await a2.SendAsync(Messages.Resume("Ann", a.Id, a.Token, a.LastSeq));
        var welcome = await a2.NextAsync("welcome");
        Assert.Equal(a.Id, welcome.GetProperty("you").GetProperty("id").GetString());
        Assert.True(welcome.GetProperty("restored").GetBoolean());
        Assert.InRange(welcome.GetProperty("graceMs").GetInt64(), 1, 30_000); // what is left of the restore window
        Assert.Empty(welcome.GetProperty("participants").EnumerateArray());
        Assert.Empty(welcome.GetProperty("chat").EnumerateArray());
        Assert.Equal(a.LastSeq + 1, welcome.GetProperty("seq").GetInt64());

        await using var b2 = await bobUser.ConnectAsync(code);
        await b2.SendAsync(Messages.Resume("Bob", b.Id, b.Token, b.LastSeq));
        var bobWelcome = await b2.NextAsync("welcome");
        Assert.Equal(a.Id, Assert.Single(bobWelcome.GetProperty("participants").EnumerateArray()).GetProperty("id").GetString());
        var joined = await a2.NextAsync("joined");
        Assert.Equal(b.Id, joined.GetProperty("participant").GetProperty("id").GetString());
        Assert.Equal(a.LastSeq + 2, joined.GetProperty("seq").GetInt64());

        await a2.SignalAsync(b.Id, """{"candidate":{"candidate":"after"}}""");
        var signal = await b2.NextAsync("signal");
        Assert.Equal(a.Id, signal.GetProperty("from").GetString());
        await a2.LeaveAsync();
        await b2.NextAsync("left");

        // Left for good: the token no longer brings Ann back, even while restores are open.
        await using var a3 = await annUser.ConnectAsync(code);
        await a3.SendAsync(Messages.Resume("Ann", a.Id, a.Token, a.LastSeq + 2));
        Assert.Equal("resume-failed", (await a3.NextAsync("error")).GetProperty("code").GetString());
        await b2.LeaveAsync();
    }

    [Fact]
    public async Task A_restored_participant_who_resumes_before_the_others_are_back_is_still_told_to_wait_for_them()
    {
        using var meeting = await TwoAccountsAndAMeetingAsync();
        var (first, annUser, bobUser, code) = meeting;
        await using var a = await annUser.JoinWsAsync(code, "Ann");
        await using var b = await bobUser.JoinWsAsync(code, "Bob");
        await a.NextAsync("joined");
        first.Dispose();
        await a.WaitForCloseAsync();

        _site.Start();
        await using var a2 = await annUser.ConnectAsync(code);
        await a2.SendAsync(Messages.Resume("Ann", a.Id, a.Token, a.LastSeq));
        var restored = await a2.NextAsync("welcome");
        Assert.True(restored.GetProperty("restored").GetBoolean());

        // Ann's connection is replaced before Bob is back (CI saw a browser give up on a slow first answer
        // and resume on a new socket). Her new welcome must not read as "Bob left": without `restored` her
        // page drops its peer connection to Bob, and makes a new one when he is restored.
        await using var a3 = await annUser.ConnectAsync(code);
        await a3.SendAsync(Messages.Resume("Ann", a.Id, a.Token, a2.LastSeq));
        var resumed = await a3.NextAsync("welcome");
        Assert.Empty(resumed.GetProperty("participants").EnumerateArray());
        Assert.True(resumed.TryGetProperty("restored", out var flag) && flag.GetBoolean(),
            $"A resume while the others may still come back must say so: {resumed}");
        Assert.InRange(resumed.GetProperty("graceMs").GetInt64(), 1, restored.GetProperty("graceMs").GetInt64());

        await using var b2 = await bobUser.ConnectAsync(code);
        await b2.SendAsync(Messages.Resume("Bob", b.Id, b.Token, b.LastSeq));
        await b2.NextAsync("welcome");
        Assert.Equal(b.Id, (await a3.NextAsync("joined")).GetProperty("participant").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_token_that_is_forged_or_not_the_accounts_own_restores_nobody()
    {
        var first = _site.Start();
        var site = _site.BaseUri;
        using var annUser = await SignalingUser.RegisterAsync(site, "Ann");
        using var eveUser = await SignalingUser.RegisterAsync(site, "Eve");
        var code = await annUser.NewOpenMeetingAsync();
        string id, token;
        await using (var a = await annUser.JoinWsAsync(code, "Ann"))
        {
            (id, token) = (a.Id, a.Token);
            first.Dispose();
        }
        _site.Start();

        // Another account with Ann's token, Ann with a token changed in one place, Ann with a made-up one.
        var forged = token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1];
        foreach (var (user, tryToken) in new[] { (eveUser, token), (annUser, forged), (annUser, "x") })
        {
            await using var attempt = await user.ConnectAsync(code);
            await attempt.SendAsync(Messages.Resume("Someone", id, tryToken, 1));
            var error = await attempt.NextAsync("error");
            Assert.Equal("resume-failed", error.GetProperty("code").GetString());
        }
    }

    /// <summary>The first process, Ann and Bob registered on it, and an open meeting of Ann's.</summary>
    private async Task<TwoAccounts> TwoAccountsAndAMeetingAsync()
    {
        var first = _site.Start();
        var ann = await SignalingUser.RegisterAsync(_site.BaseUri, "Ann");
        var bob = await SignalingUser.RegisterAsync(_site.BaseUri, "Bob");
        return new TwoAccounts(first, ann, bob, await ann.NewOpenMeetingAsync());
    }

    private sealed record TwoAccounts(TestSite First, SignalingUser Ann, SignalingUser Bob, string Code) : IDisposable
    {
        public void Dispose()
        {
            Ann.Dispose();
            Bob.Dispose();
        }
    }

    public void Dispose() => _site.Dispose();
}
