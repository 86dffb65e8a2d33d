namespace MeetSite.Meetings;

public static class MeetingsSetup
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MeetingStore>();
        services.AddOptions<IceServerOptions>().BindConfiguration(IceServerOptions.Section);
        services.AddOptions<CodeLookupLimitOptions>().BindConfiguration(CodeLookupLimitOptions.Section);
        services.AddSingleton<CodeLookupLimit>();
        return services;
    }
}
