using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeetSite.Signaling;

/// <summary>The signaling relay's services and its two transports (docs/signaling.md).</summary>
public static class SignalingSetup
{
    public const string CorsPolicy = "signaling";

    public static IServiceCollection AddSignaling(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(SignalingOptions.Section);
        services.AddOptions<SignalingOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignalingOptions>, SignalingOptionsValidator>();
        services.AddSingleton(sp => new OutboundBudget(sp.GetRequiredService<IOptions<SignalingOptions>>().Value.OutboundBudgetBytes));
        services.AddSingleton<RoomRegistry>();
        services.AddSingleton<OpenTransports>();
        services.AddSingleton<ChatStore>();
        services.AddSingleton<AttendanceLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AttendanceLog>());
        services.AddSingleton<ResumeTokens>();
        services.TryAddSingleton<IRestoreRecord, ProcessRestoreRecord>();
        services.AddSingleton<ChatCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatCleanup>());
        services.AddSingleton<SignalingMetrics>();
        services.AddSingleton<SignalingRelay>();
        services.AddOptions<JoinLimitOptions>().BindConfiguration(JoinLimitOptions.Section);
        services.AddSingleton<JoinLimit>();
        services.AddSingleton<RequestGate>();
        services.AddSingleton<LongPollSessions>();
        services.AddSingleton<LongPollServices>();

        // Cross-origin pages may poll only from configured origins, with credentials; the gate refuses others.
        var origins = section.GetSection(nameof(SignalingOptions.AllowedOrigins)).Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .AllowCredentials()
            .AllowAnyHeader()
            .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Delete)));
        return services;
    }

    /// <summary>
    /// Goes after routing and before authentication: the WebSocket handshake authenticates itself, so an
    /// open socket does not keep the request's services (see WebSocketRelayMiddleware). The long-poll
    /// endpoints run at the end of the pipeline, after authentication, like any endpoint.
    /// </summary>
    public static WebApplication UseSignaling(this WebApplication app)
    {
        // Pings find peers that vanished without a FIN, so their seats enter the grace period.
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15), KeepAliveTimeout = TimeSpan.FromSeconds(15) });
        app.UseCors();
        app.UseMiddleware<WebSocketRelayMiddleware>();
        app.MapLongPolling();
        // Created now, not on first use, so it hears every log out.
        var transports = app.Services.GetRequiredService<OpenTransports>();
        var metrics = app.Services.GetRequiredService<SignalingMetrics>();
        var relay = app.Services.GetRequiredService<SignalingRelay>();
        // Draining: every client moves on at once (close 4003), to the next process.
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            var moved = transports.CloseAll(CloseReason.ShuttingDown);
            metrics.Moved(moved);
            SignalingRelay.LogDraining(relay.Logger, moved);
        });
        return app;
    }
}
