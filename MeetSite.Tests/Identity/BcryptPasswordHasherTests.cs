using MeetSite.Identity;
using MeetSite.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MeetSite.Tests.Identity;

public sealed class BcryptPasswordHasherTests
{
    private static readonly User Someone = new() { DisplayName = "Someone" };

    private static BcryptPasswordHasher Hasher(int workFactor) => new(Options.Create(new BcryptOptions { WorkFactor = workFactor }));

    [Fact]
    public void Hashes_are_bcrypt_at_the_configured_cost_and_verify()
    {
        var hash = Hasher(5).HashPassword(Someone, "a long passphrase");

        Assert.StartsWith("$2a$05$", hash);
        Assert.Equal(PasswordVerificationResult.Success, Hasher(5).VerifyHashedPassword(Someone, hash, "a long passphrase"));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher(5).VerifyHashedPassword(Someone, hash, "a long passphrasE"));
    }

    [Fact]
    public void A_hash_below_the_configured_cost_asks_for_a_rehash()
    {
        var hash = Hasher(4).HashPassword(Someone, "a long passphrase");

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher(5).VerifyHashedPassword(Someone, hash, "a long passphrase"));
    }

    [Fact]
    public void Passphrases_longer_than_72_bytes_are_not_truncated()
    {
        var prefix = new string('x', 80);
        var hash = Hasher(4).HashPassword(Someone, prefix + "one");

        Assert.Equal(PasswordVerificationResult.Failed, Hasher(4).VerifyHashedPassword(Someone, hash, prefix + "two"));
    }

    [Fact]
    public void A_stored_value_that_is_not_a_bcrypt_hash_fails_instead_of_throwing()
    {
        Assert.Equal(PasswordVerificationResult.Failed, Hasher(4).VerifyHashedPassword(Someone, "AQAAAAIAAYagAAAAE", "x"));
    }

    [Fact]
    public async Task Logging_in_after_the_cost_was_raised_stores_a_new_hash_at_the_new_cost()
    {
        var email = FormClient.NewEmail();
        using var before = new TestSite();
        using (var client = before.CreateFormClient())
        {
            await client.RegisterAsync(email);
        }
        Assert.StartsWith("$2a$04$", await before.StoredHashAsync(email));
        using var after = new TestSite(new Dictionary<string, string?> { ["Identity:Bcrypt:WorkFactor"] = "5" }, database: before.Database);

        using (var client = after.CreateFormClient())
        {
            var response = await client.LoginAsync(email);
            Assert.Equal("/Dashboard", response.Headers.Location!.OriginalString);
        }

        Assert.StartsWith("$2a$05$", await after.StoredHashAsync(email));
    }
}
