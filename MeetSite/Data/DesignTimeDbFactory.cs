using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeetSite.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the web host.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<MeetSiteDb>
{
    public MeetSiteDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MeetSiteDb>().UseSqlite("Data Source=design-time.db").Options);
}
