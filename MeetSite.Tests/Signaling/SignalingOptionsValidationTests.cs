using MeetSite.Tests.Infrastructure;

namespace MeetSite.Tests.Signaling;

public sealed class SignalingOptionsValidationTests
{
    [Theory]
    [InlineData("Capacity", "0", "Signaling:Capacity must be at least 1 (it is 0)")]
    [InlineData("OutboundQueueCapacity", "0", "Signaling:OutboundQueueCapacity must be at least 1 (it is 0)")]
    [InlineData("GracePeriod", "-00:00:01", "Signaling:GracePeriod must be a positive time span")]
    [InlineData("LongPollHold", "00:00:00", "Signaling:LongPollHold must be a positive time span")]
    [InlineData("RatePerSecond", "0", "Signaling:RatePerSecond must be a positive number")]
    [InlineData("RateStrikeQuietPeriod", "-00:01:00", "Signaling:RateStrikeQuietPeriod must be a positive time span")]
    [InlineData("OutboundQueueBytes", "100000", "Signaling:OutboundQueueBytes must be at least twice Signaling:MaxMessageBytes (131072)")]
    [InlineData("OutboundBudgetBytes", "1000", "Signaling:OutboundBudgetBytes must be at least Signaling:OutboundQueueBytes (1048576)")]
    [InlineData("ChatHistoryBytes", "-1", "Signaling:ChatHistoryBytes must be at least 0 (it is -1)")]
    [InlineData("ChatRetention", "00:00:00", "Signaling:ChatRetention must be a positive time span")]
    [InlineData("ChatMaxPerMeeting", "0", "Signaling:ChatMaxPerMeeting must be at least 1 (it is 0)")]
    [InlineData("ChatCleanupInterval", "-01:00:00", "Signaling:ChatCleanupInterval must be a positive time span")]
    public void A_bad_setting_stops_the_site_at_start_with_a_message_naming_it(string setting, string value, string message)
    {
        var failure = Record.Exception(() => SignalingSite.With(new Dictionary<string, string?> { [$"Signaling:{setting}"] = value }).Dispose());
        Assert.NotNull(failure);
        Assert.Contains(message, AllMessages(failure));
    }

    [Fact]
    public void The_default_settings_start()
    {
        using var site = SignalingSite.With(null);
        Assert.NotNull(site.BaseUri);
    }

    private static string AllMessages(Exception e) =>
        e.Message + (e is AggregateException all ? string.Concat(all.InnerExceptions.Select(AllMessages)) : "") +
        (e.InnerException is { } inner ? "\n" + AllMessages(inner) : "");
}
