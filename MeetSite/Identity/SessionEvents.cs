namespace MeetSite.Identity;

/// <summary>
/// Tells long-lived connections (the signaling relay's sockets and polls) that a user logged out, so
/// they close instead of outliving the session they were opened with.
/// </summary>
public sealed class SessionEvents
{
    public event Action<string>? UserSignedOut;

    public void RaiseUserSignedOut(string userId) => UserSignedOut?.Invoke(userId);
}
