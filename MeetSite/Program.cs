using MeetSite.Cluster;
using MeetSite.Data;
using MeetSite.Identity;
using MeetSite.Meetings;
using MeetSite.Operations;
using MeetSite.Pages;
using MeetSite.Security;
using MeetSite.Signaling;

var builder = WebApplication.CreateBuilder(args);

// Serve wwwroot-src from a build (not only a publish) in every environment, not just Development.
builder.WebHost.UseStaticWebAssets();
builder.AddDrain();

builder.Services.AddReverseProxy(builder.Configuration);
builder.Services.AddDataProtectionKeys(builder.Configuration);
builder.Services.AddMeetSiteData(builder.Configuration, builder.Environment);
builder.Services.AddMeetSiteIdentity(builder.Configuration);
builder.Services.AddLoginRateLimit(builder.Configuration);
builder.Services.AddMeetings();
builder.Services.AddMeetSitePages();
builder.Services.AddSignaling(builder.Configuration);
builder.Services.AddCluster(builder.Configuration);
builder.Services.AddHealth();
builder.Services.AddMetrics(builder.Configuration);

var app = builder.Build();

await app.MigrateDatabaseAsync();

app.UseCluster();
app.UseReverseProxy();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
}
app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
app.UseSecurityHeaders();
app.UseRouting();
app.UseSignaling();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();

app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapMeetings();
app.MapHealth();
app.MapMetrics();

app.Run();

/// <summary>Entry point, visible to the in-process test host.</summary>
public partial class Program;
