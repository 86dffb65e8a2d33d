using Microsoft.AspNetCore.Identity;

namespace MeetSite.Identity;

public sealed class User : IdentityUser
{
    public const int DisplayNameMaxLength = 64;

    public required string DisplayName { get; set; }
}
