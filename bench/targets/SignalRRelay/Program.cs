using SignalRRelay;
using StackExchange.Redis;

// The comparison relay: ASP.NET Core's own answer to "relay messages between peers of a room",
// doing what MeetSite's relay does and nothing more (no authentication, no persistence).
// With Relay:Redis (a StackExchange.Redis connection string, e.g. Relay__Redis=127.0.0.1:6379) it is one
// of several nodes: SignalR's Redis backplane carries messages between them and the rooms live in Redis
// (ClusterRelayHub); without it, one process on its own (RelayHub).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var redis = builder.Configuration["Relay:Redis"];
var signalR = builder.Services.AddSignalR(hub => hub.MaximumReceiveMessageSize = 64 * 1024);
if (string.IsNullOrEmpty(redis))
{
    builder.Services.AddSingleton<RoomMembers>();
}
else
{
    var connection = await ConnectionMultiplexer.ConnectAsync(redis);
    builder.Services.AddSingleton<IConnectionMultiplexer>(connection);
    builder.Services.AddSingleton<RedisRoomMembers>();
    signalR.AddStackExchangeRedis(options => options.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(connection));
}

var app = builder.Build();
if (string.IsNullOrEmpty(redis))
{
    app.MapHub<RelayHub>("/relay");
}
else
{
    app.MapHub<ClusterRelayHub>("/relay");
}
app.MapGet("/", () => "SignalR reference relay");
app.Run();
