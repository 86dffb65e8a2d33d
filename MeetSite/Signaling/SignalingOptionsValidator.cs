using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>
/// Checked at start-up, so a bad setting stops the site with a message naming it rather than failing
/// later (a capacity of 0 used to surface as an index out of range on the first join).
/// </summary>
internal sealed class SignalingOptionsValidator : IValidateOptions<SignalingOptions>
{
    public ValidateOptionsResult Validate(string? name, SignalingOptions o)
    {
        var failures = new List<string>();
        AtLeast(failures, nameof(o.Capacity), o.Capacity, 1);
        Positive(failures, nameof(o.GracePeriod), o.GracePeriod);
        Positive(failures, nameof(o.ResumeTokenLifetime), o.ResumeTokenLifetime);
        Positive(failures, nameof(o.RestoreWindow), o.RestoreWindow);
        Positive(failures, nameof(o.LongPollHold), o.LongPollHold);
        Positive(failures, nameof(o.JoinTimeout), o.JoinTimeout);
        Positive(failures, nameof(o.CloseTimeout), o.CloseTimeout);
        AtLeast(failures, nameof(o.MaxMessageBytes), o.MaxMessageBytes, 1);
        AtLeast(failures, nameof(o.OutboundQueueCapacity), o.OutboundQueueCapacity, 1);
        // Two messages of the largest size must fit, or a reader a moment behind is already "slow".
        AtLeast(failures, nameof(o.OutboundQueueBytes), o.OutboundQueueBytes, 2L * o.MaxMessageBytes, "twice Signaling:MaxMessageBytes");
        AtLeast(failures, nameof(o.OutboundBudgetBytes), o.OutboundBudgetBytes, o.OutboundQueueBytes, "Signaling:OutboundQueueBytes");
        AtLeast(failures, nameof(o.RateBurst), o.RateBurst, 1);
        if (!(o.RatePerSecond > 0 && double.IsFinite(o.RatePerSecond)))
        {
            failures.Add($"Signaling:RatePerSecond must be a positive number (it is {o.RatePerSecond}).");
        }
        AtLeast(failures, nameof(o.RateStrikes), o.RateStrikes, 1);
        Positive(failures, nameof(o.RateStrikeQuietPeriod), o.RateStrikeQuietPeriod);
        AtLeast(failures, nameof(o.ChatHistory), o.ChatHistory, 0);
        AtLeast(failures, nameof(o.ChatHistoryBytes), o.ChatHistoryBytes, 0);
        Positive(failures, nameof(o.ChatRetention), o.ChatRetention);
        AtLeast(failures, nameof(o.ChatMaxPerMeeting), o.ChatMaxPerMeeting, 1);
        Positive(failures, nameof(o.ChatCleanupInterval), o.ChatCleanupInterval);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtLeast(List<string> failures, string setting, long value, long minimum, string? minimumName = null)
    {
        if (value < minimum)
        {
            var least = minimumName is null ? $"{minimum}" : $"{minimumName} ({minimum})";
            failures.Add($"{SignalingOptions.Section}:{setting} must be at least {least} (it is {value}).");
        }
    }

    private static void Positive(List<string> failures, string setting, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{SignalingOptions.Section}:{setting} must be a positive time span (it is {value}).");
        }
    }
}
