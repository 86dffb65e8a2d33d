namespace MeetSite.Meetings;

public static class MeetingsSetup
{
    public static IServiceCollection AddMeetings(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MeetingStore>();
        services.AddSingleton<MeetingControlStore>();
        services.AddOptions<IceServerOptions>().BindConfiguration(IceServerOptions.Section)
            .Validate(options => options.Turn.Ttl > TimeSpan.Zero, "WebRtc:Turn:Ttl must be positive.")
            .Validate(options => options.Turn.Urls.Count == 0 || !string.IsNullOrEmpty(options.Turn.Secret),
                "WebRtc:Turn:Urls is set but WebRtc:Turn:Secret is not (set it in the environment: WebRtc__Turn__Secret).")
            .ValidateOnStart();
        services.AddOptions<CodeLookupLimitOptions>().BindConfiguration(CodeLookupLimitOptions.Section);
        services.AddSingleton<CodeLookupLimit>();
        return services;
    }

    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder app)
    {
        app.MapIceServers();
        return app;
    }
}
