using MeetSite.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace MeetSite.Data;

/// <summary>
/// The one EF Core context: Identity's tables, the meeting tables, and the data-protection keys when
/// <c>DataProtection:KeysInDatabase</c> keeps them here. Migrations own its schema. This type is the
/// SQLite model (migrations in <c>Data/Migrations</c>); <see cref="PostgresMeetSiteDb"/> is Postgres's.
/// </summary>
public class MeetSiteDb : IdentityDbContext<User>, IDataProtectionKeyContext
{
    public MeetSiteDb(DbContextOptions<MeetSiteDb> options) : base(options)
    {
    }

    protected MeetSiteDb(DbContextOptions options) : base(options)
    {
    }

    public DbSet<MeetingRow> Meetings => Set<MeetingRow>();
    public DbSet<MeetingVisitRow> MeetingVisits => Set<MeetingVisitRow>();
    public DbSet<ChatMessageRow> ChatMessages => Set<ChatMessageRow>();
    public DbSet<AttendanceRow> Attendance => Set<AttendanceRow>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<MeetingRoleRow> MeetingRoles => Set<MeetingRoleRow>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MeetSiteDb).Assembly);
    }
}
