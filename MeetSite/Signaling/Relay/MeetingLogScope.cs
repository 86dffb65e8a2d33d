namespace MeetSite.Signaling;

/// <summary>
/// Tags every log line written while it is open, by any logger, with the meeting's code (<c>MeetingCode</c>,
/// a scope: in the JSON console format it is a field of the line's <c>Scopes</c>). Opened around each
/// connection's work and on the relay's own background paths.
/// </summary>
internal static class MeetingLogScope
{
    private static readonly Func<ILogger, string, IDisposable?> Scope = LoggerMessage.DefineScope<string>("Meeting {MeetingCode}");

    /// <param name="code">A meeting's code as stored (checked), never raw input: it goes into log lines.</param>
    public static IDisposable? Begin(ILogger logger, string code) => Scope(logger, code);
}
