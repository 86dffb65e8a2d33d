using MeetSite.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MeetSite.Data;

/// <summary>The one EF Core context: Identity's tables plus the meeting tables. Migrations own its schema.</summary>
public sealed class MeetSiteDb(DbContextOptions<MeetSiteDb> options) : IdentityDbContext<User>(options)
{
    public DbSet<MeetingRow> Meetings => Set<MeetingRow>();
    public DbSet<MeetingVisitRow> MeetingVisits => Set<MeetingVisitRow>();
    public DbSet<ChatMessageRow> ChatMessages => Set<ChatMessageRow>();
    public DbSet<AttendanceRow> Attendance => Set<AttendanceRow>();
    public DbSet<MeetingRoleRow> MeetingRoles => Set<MeetingRoleRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MeetSiteDb).Assembly);
    }
}
