using Ioc.Data.Entities;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Ioc.Data;

public class IocDbContext(DbContextOptions<IocDbContext> options) : IdentityDbContext<IocUser>(options)
{
    public DbSet<UnitEntity> Units => Set<UnitEntity>();
    public DbSet<ProcedureEntity> Procedures => Set<ProcedureEntity>();
    public DbSet<HotlineCategoryEntity> HotlineCategories => Set<HotlineCategoryEntity>();
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<DossierRow> Dossiers => Set<DossierRow>();
    public DbSet<TicketRow> Tickets => Set<TicketRow>();
    public DbSet<DossierRollupRow> DossierRollups => Set<DossierRollupRow>();
    public DbSet<TicketRollupRow> TicketRollups => Set<TicketRollupRow>();
    public DbSet<TicketAnswerTimeRow> TicketAnswerTimes => Set<TicketAnswerTimeRow>();
    public DbSet<SourceKeyEntity> SourceKeys => Set<SourceKeyEntity>();
    public DbSet<DisplayKeyEntity> DisplayKeys => Set<DisplayKeyEntity>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AlertRuleEntity> AlertRules => Set<AlertRuleEntity>();
    public DbSet<AlertEntity> Alerts => Set<AlertEntity>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<SourceKeyEntity>(e =>
        {
            e.ToTable("SourceKeys");
            e.HasIndex(k => k.Hash).IsUnique();
        });
        b.Entity<DisplayKeyEntity>(e =>
        {
            e.ToTable("DisplayKeys");
            e.HasIndex(k => k.Hash).IsUnique();
            e.Property(k => k.Playlist).HasMaxLength(100);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.ToTable("AuditEntries");
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.Actor, a.At });
        });
        b.Entity<AlertRuleEntity>(e => e.ToTable("AlertRules"));
        b.Entity<AlertEntity>(e =>
        {
            e.ToTable("Alerts");
            // The monitor looks up the open alert of a rule and unit; pages list open alerts and the newest ones.
            e.HasIndex(a => new { a.RuleKey, a.UnitId, a.Subject, a.ClearedAt });
            e.HasIndex(a => a.FiredAt);
        });
        b.Entity<UnitEntity>(e =>
        {
            e.ToTable("Units");
            e.HasIndex(u => u.Code).IsUnique();
            e.HasIndex(u => u.ParentId);
        });
        b.Entity<ProcedureEntity>(e =>
        {
            e.ToTable("Procedures");
            e.HasIndex(p => p.Code).IsUnique();
        });
        b.Entity<HotlineCategoryEntity>(e =>
        {
            e.ToTable("HotlineCategories");
            e.HasIndex(c => c.Code).IsUnique();
        });
        b.Entity<StoredEvent>(e =>
        {
            e.ToTable("Events");
            e.HasKey(x => x.Seq);
            e.Property(x => x.Seq).ValueGeneratedOnAdd();
            // Ids are unique per feeding system, not across them: two systems may number alike.
            e.HasIndex(x => new { x.Source, x.EventId }).IsUnique();
            e.HasIndex(x => x.EntityCode);
        });
        b.Entity<DossierRow>(e =>
        {
            e.ToTable("Dossiers");
            e.HasKey(x => x.Code);
            // Overdue first = clock running first, then by due instant (overdue ones have the earliest): a unit's
            // list and the province's list read these indexes in order and stop after one page.
            e.HasIndex(x => new { x.UnitId, x.IsActive, x.DueAt }).IsDescending(false, true, false);
            e.HasIndex(x => new { x.IsActive, x.DueAt }).IsDescending(true, false);
            e.HasIndex(x => new { x.UnitId, x.ReceivedAt });
            // "Chờ bổ sung" lists: few rows (paused, so inactive), which the indexes above would only
            // reach after every active dossier. DossierQueries filters with the same literal.
            e.HasIndex(x => new { x.UnitId, x.IsActive, x.DueAt }, "IX_Dossiers_AwaitingSupplement")
                .IsDescending(false, true, false).HasFilter($"Status = {(int)Ioc.Domain.Dossiers.DossierStatus.AwaitingSupplement}");
            // "Trễ hạn" lists of a score card's 2.1 line: the few dossiers finished late, by unit and finish, without
            // reading every finished one. DossierQueries filters with the same literal.
            e.HasIndex(x => new { x.UnitId, x.FinishedAt }, "IX_Dossiers_FinishedLate").HasFilter("FinishedOnTime = 0");
        });
        b.Entity<TicketRow>(e =>
        {
            e.ToTable("Tickets");
            e.HasKey(x => x.Code);
            e.HasIndex(x => new { x.IsOpen, x.DueAt });
            e.HasIndex(x => new { x.UnitId, x.IsOpen });
            e.HasIndex(x => x.CreatedAt);
        });
        b.Entity<DossierRollupRow>(e =>
        {
            e.ToTable("DossierRollups");
            e.HasKey(x => new { x.UnitId, x.ProcedureId, x.Grain, x.Period });
        });
        b.Entity<TicketRollupRow>(e =>
        {
            e.ToTable("TicketRollups");
            e.HasKey(x => new { x.UnitId, x.Dimension, x.DimensionValue, x.Grain, x.Period });
        });
        b.Entity<TicketAnswerTimeRow>(e =>
        {
            e.ToTable("TicketAnswerTimes");
            e.HasKey(x => new { x.UnitId, x.Dimension, x.DimensionValue, x.Grain, x.Period, x.Hours });
        });
    }
}
