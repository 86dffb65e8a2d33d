using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using BC = BCrypt.Net.BCrypt;

namespace MeetSite.Identity;

public sealed class BcryptOptions
{
    /// <summary>log2 of the bcrypt rounds. Raising it makes Identity re-hash each password at its next log in.</summary>
    public int WorkFactor { get; set; } = 12;
}

/// <summary>
/// Identity's password hasher, backed by bcrypt. Passwords are pre-hashed with SHA-384 ("enhanced" mode)
/// so that bcrypt's 72-byte input limit never silently truncates a long passphrase; the stored hash is
/// still a standard <c>$2a$</c> string.
/// </summary>
public sealed class BcryptPasswordHasher(IOptions<BcryptOptions> options) : IPasswordHasher<User>
{
    private const BCrypt.Net.HashType PreHash = BCrypt.Net.HashType.SHA384;

    public string HashPassword(User user, string password) =>
        BC.EnhancedHashPassword(password, options.Value.WorkFactor, PreHash);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        bool matches;
        try
        {
            matches = BC.EnhancedVerify(providedPassword, hashedPassword, PreHash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return PasswordVerificationResult.Failed;
        }
        if (!matches)
        {
            return PasswordVerificationResult.Failed;
        }
        return BC.PasswordNeedsRehash(hashedPassword, options.Value.WorkFactor)
            ? PasswordVerificationResult.SuccessRehashNeeded
            : PasswordVerificationResult.Success;
    }
}
