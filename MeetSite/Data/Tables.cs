using MeetSite.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetSite.Data;

// Table shapes for the migrations. Times are Unix milliseconds (UTC): they sort as numbers in SQLite
// and map to plain longs in Dapper, with no text-format conversions on the hot paths.

public sealed class MeetingRow
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public required string HostUserId { get; set; }
    public User? Host { get; set; }
    public long CreatedAt { get; set; }
    /// <summary>While locked, nobody new joins or asks to join (hosts and co-hosts still can).</summary>
    public bool Locked { get; set; }
    /// <summary>Whether people other than hosts and co-hosts ask to join and wait for a host to admit them.</summary>
    public bool WaitingRoom { get; set; } = true;
    /// <summary>When a host ended it for everyone; an ended meeting stays ended.</summary>
    public long? EndedAt { get; set; }
}

/// <summary>
/// An account's standing in a meeting other than its host's: <c>cohost</c>, or <c>removed</c> (must be
/// admitted by a host to come back). No row: an ordinary guest.
/// </summary>
public sealed class MeetingRoleRow
{
    public long MeetingId { get; set; }
    public required string UserId { get; set; }
    public required string Role { get; set; }
}

/// <summary>One row per user and meeting: the last time the user opened it (the dashboard history).</summary>
public sealed class MeetingVisitRow
{
    public required string UserId { get; set; }
    public long MeetingId { get; set; }
    public long LastVisitedAt { get; set; }
}

public sealed class ChatMessageRow
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public required string SenderUserId { get; set; }
    public required string SenderName { get; set; }
    public required string Text { get; set; }
    public long SentAt { get; set; }
}

/// <summary>Who was in a meeting and when: one row per participant session.</summary>
public sealed class AttendanceRow
{
    public long Id { get; set; }
    public long MeetingId { get; set; }
    public required string UserId { get; set; }
    public required string ParticipantId { get; set; }
    public required string DisplayName { get; set; }
    public long JoinedAt { get; set; }
    public long? LeftAt { get; set; }
}

internal sealed class MeetingRowConfiguration : IEntityTypeConfiguration<MeetingRow>
{
    public void Configure(EntityTypeBuilder<MeetingRow> table)
    {
        table.ToTable("Meetings");
        table.Property(m => m.Code).HasMaxLength(12);
        table.HasIndex(m => m.Code).IsUnique();
        table.HasOne(m => m.Host).WithMany().HasForeignKey(m => m.HostUserId).OnDelete(DeleteBehavior.Cascade);
        table.Property(m => m.WaitingRoom).HasDefaultValue(true);
    }
}

internal sealed class MeetingRoleRowConfiguration : IEntityTypeConfiguration<MeetingRoleRow>
{
    public void Configure(EntityTypeBuilder<MeetingRoleRow> table)
    {
        table.ToTable("MeetingRoles");
        table.HasKey(r => new { r.MeetingId, r.UserId });
        table.Property(r => r.Role).HasMaxLength(16);
        table.HasOne<MeetingRow>().WithMany().HasForeignKey(r => r.MeetingId).OnDelete(DeleteBehavior.Cascade);
        table.HasOne<User>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MeetingVisitRowConfiguration : IEntityTypeConfiguration<MeetingVisitRow>
{
    public void Configure(EntityTypeBuilder<MeetingVisitRow> table)
    {
        table.ToTable("MeetingVisits");
        table.HasKey(v => new { v.UserId, v.MeetingId });
        table.HasIndex(v => new { v.UserId, v.LastVisitedAt });
        table.HasOne<User>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
        table.HasOne<MeetingRow>().WithMany().HasForeignKey(v => v.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChatMessageRowConfiguration : IEntityTypeConfiguration<ChatMessageRow>
{
    public void Configure(EntityTypeBuilder<ChatMessageRow> table)
    {
        table.ToTable("ChatMessages");
        table.Property(c => c.SenderName).HasMaxLength(64);
        table.Property(c => c.Text).HasMaxLength(4000);
        table.HasIndex(c => new { c.MeetingId, c.Id });
        table.HasOne<MeetingRow>().WithMany().HasForeignKey(c => c.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AttendanceRowConfiguration : IEntityTypeConfiguration<AttendanceRow>
{
    public void Configure(EntityTypeBuilder<AttendanceRow> table)
    {
        table.ToTable("Attendance");
        table.Property(a => a.ParticipantId).HasMaxLength(64);
        table.Property(a => a.DisplayName).HasMaxLength(64);
        table.HasIndex(a => new { a.MeetingId, a.JoinedAt });
        table.HasOne<MeetingRow>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
    }
}
