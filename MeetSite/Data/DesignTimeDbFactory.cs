using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeetSite.Data;

// Let `dotnet ef migrations add` build each provider's model without starting the web host
// (scripts/add-migration.sh runs it for both). Neither opens a connection.

internal sealed class DesignTimeSqliteDbFactory : IDesignTimeDbContextFactory<MeetSiteDb>
{
    public MeetSiteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MeetSiteDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class DesignTimePostgresDbFactory : IDesignTimeDbContextFactory<PostgresMeetSiteDb>
{
    public PostgresMeetSiteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMeetSiteDb>().UseNpgsql("Host=localhost;Database=meetsite_design_time").Options);
}
