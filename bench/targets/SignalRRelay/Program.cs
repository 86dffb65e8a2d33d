using SignalRRelay;

// The comparison relay: ASP.NET Core's own answer to "relay messages between peers of a room",
// doing what MeetSite's relay does and nothing more (no authentication, no persistence).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<RoomMembers>();
builder.Services.AddSignalR(hub => hub.MaximumReceiveMessageSize = 64 * 1024);

var app = builder.Build();
app.MapHub<RelayHub>("/relay");
app.MapGet("/", () => "SignalR reference relay");
app.Run();
