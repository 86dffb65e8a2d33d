using System.Collections.Concurrent;
using MeetSite.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetSite.Tests.Signaling;

/// <summary>Every line the relay and its transports log about a meeting carries the meeting's code as a scope.</summary>
public sealed class MeetingLogScopeTests
{
    [Fact]
    public async Task Relay_lines_over_both_transports_and_from_a_log_out_carry_the_meeting_code()
    {
        var lines = new ConcurrentQueue<(string Category, string Message, string? Code)>();
        using var site = SignalingSite.With(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:MeetSite.Signaling"] = "Debug",
                ["Logging:Console:LogLevel:MeetSite.Signaling"] = "Warning",
                ["Signaling:JoinTimeout"] = "00:00:10",
            },
            services: s => s.AddSingleton<ILoggerProvider>(new Recorder(lines)));
        using var ann = await site.UserAsync("Ann");
        var code = await ann.NewOpenMeetingAsync();
        await using var a = await ann.JoinWsAsync(code, "Ann");
        using var lee = await site.UserAsync("Lee");
        await lee.JoinLongPollAsync(code, "Lee");
        await a.NextAsync("joined");
        await a.SendAsync(Messages.Leave);
        await a.WaitForCloseAsync();
        // Lee's log out ends his participant from the log-out request, outside any connection.
        await lee.LogoutAsync();
        await site.NoLeaksAsync();

        var relay = lines.Where(l => l.Category.StartsWith("MeetSite.Signaling.", StringComparison.Ordinal)
            && !l.Category.EndsWith("ChatCleanup", StringComparison.Ordinal)).ToList();
        Assert.Contains(relay, l => l.Message.Contains("joined") && l.Code == code);
        Assert.Contains(relay, l => l.Message.Contains(": Left") && l.Code == code);
        Assert.Contains(relay, l => l.Message.Contains(": LoggedOut") && l.Code == code);
        Assert.All(relay, l => Assert.True(l.Code == code, $"untagged: [{l.Category}] {l.Message}"));
    }

    /// <summary>Keeps each line with the MeetingCode of its scopes, as the console's JSON format would show it.</summary>
    private sealed class Recorder(ConcurrentQueue<(string, string, string?)> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(Recorder owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string? code = null;
                owner._scopes.ForEachScope((scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs && pairs.FirstOrDefault(p => p.Key == "MeetingCode").Value is string found)
                    {
                        code = found;
                    }
                }, (object?)null);
                owner.Lines.Enqueue((category, formatter(state, exception), code));
            }
        }

        private ConcurrentQueue<(string, string, string?)> Lines => lines;
    }
}
