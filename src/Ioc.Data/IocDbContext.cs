using Ioc.Data.Entities;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Ioc.Data;

public class IocDbContext(DbContextOptions<IocDbContext> options) : IdentityDbContext<IocUser>(options), IDataProtectionKeyContext
{
    /// <summary>The key ring that signs session, wall-screen and antiforgery cookies: one for every web node on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UnitEntity> Units => Set<UnitEntity>();
    public DbSet<ProcedureEntity> Procedures => Set<ProcedureEntity>();
    public DbSet<HotlineCategoryEntity> HotlineCategories => Set<HotlineCategoryEntity>();
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<DossierRow> Dossiers => Set<DossierRow>();
    public DbSet<TicketRow> Tickets => Set<TicketRow>();
    public DbSet<DossierRollupRow> DossierRollups => Set<DossierRollupRow>();
    public DbSet<TicketRollupRow> TicketRollups => Set<TicketRollupRow>();
    public DbSet<TicketAnswerTimeRow> TicketAnswerTimes => Set<TicketAnswerTimeRow>();
    public DbSet<DocumentRow> Documents => Set<DocumentRow>();
    public DbSet<DocumentRollupRow> DocumentRollups => Set<DocumentRollupRow>();
    public DbSet<SourceKeyEntity> SourceKeys => Set<SourceKeyEntity>();
    public DbSet<DisplayKeyEntity> DisplayKeys => Set<DisplayKeyEntity>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AlertRuleEntity> AlertRules => Set<AlertRuleEntity>();
    public DbSet<AlertEntity> Alerts => Set<AlertEntity>();
    public DbSet<AnnualIndexRow> AnnualIndices => Set<AnnualIndexRow>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // One model, two providers: the few parts written in a provider's own SQL (index filters, search)
        // differ here, and each provider's migrations are generated from what this builds for it.
        var postgres = Database.IsNpgsql();
        if (postgres)
        {
            // Trigram indexes serve the substring searches that SQLite's FTS5 trigram tables serve there.
            b.HasPostgresExtension("pg_trgm");
        }
        b.Entity<DataProtectionKey>(e => e.ToTable("DataProtectionKeys"));
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
        b.Entity<AnnualIndexRow>(e =>
        {
            e.ToTable("AnnualIndices");
            e.HasKey(x => new { x.Year, x.UnitId, x.Index });
            e.Property(x => x.Index).HasMaxLength(16);
            e.Property(x => x.Level).HasMaxLength(50);
            e.Property(x => x.Source).HasMaxLength(300);
            // Pages read a unit's history, walls one index and year across units.
            e.HasIndex(x => new { x.UnitId, x.Index });
            e.HasIndex(x => new { x.Index, x.Year });
            e.OwnsMany(x => x.Components, c => c.ToJson());
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
            // Both end with the code, the lists' last sort key: a page of finished dossiers starts with those that have
            // no due instant, one tie group (80,000 in the province at 15 M dossiers, hundreds of thousands in a large
            // department), which an index without the code handed over unsorted for a sort of them all (0.2-1 s a page).
            e.HasIndex(x => new { x.UnitId, x.IsActive, x.DueAt, x.Code }, DossierIndexes.UnitOverdueFirst).IsDescending(false, true, false, false);
            e.HasIndex(x => new { x.IsActive, x.DueAt, x.Code }, DossierIndexes.OverdueFirst).IsDescending(true, false, false);
            e.HasIndex(x => new { x.UnitId, x.ReceivedAt }, DossierIndexes.UnitReceived);
            // "Chờ bổ sung" lists: few rows (paused, so inactive), which the indexes above would only
            // reach after every active dossier. DossierQueries filters with the same literal.
            e.HasIndex(x => new { x.UnitId, x.IsActive, x.DueAt }, DossierIndexes.AwaitingSupplement)
                .IsDescending(false, true, false)
                .HasFilter(postgres ? DossierIndexes.PostgreSql.AwaitingSupplementFilter : DossierIndexes.AwaitingSupplementFilter);
            // Open lists ("chưa giải quyết xong", "đang giải quyết") count from this small index: without it a
            // count of the open few percent reads the whole table (1.3 s at 15 M dossiers). Status rides along
            // so that a count reads the index alone (SQLite tests the filter's status on every row it counts).
            e.HasIndex(x => new { x.UnitId, x.IsActive, x.DueAt, x.Status }, DossierIndexes.Open)
                .IsDescending(false, true, false, false)
                .HasFilter(postgres ? DossierIndexes.PostgreSql.OpenFilter : DossierIndexes.OpenFilter);
            // "Trả lại" and "đã rút" are rare and final: each row enters once, when the dossier ends, and is never rewritten.
            e.HasIndex(x => new { x.UnitId, x.IsActive, x.DueAt, x.Status }, DossierIndexes.ReturnedOrWithdrawn)
                .IsDescending(false, true, false, false)
                .HasFilter(postgres ? DossierIndexes.PostgreSql.ReturnedOrWithdrawnFilter : DossierIndexes.ReturnedOrWithdrawnFilter);
            // One procedure's list, per unit in overdue-first order: the one full-size index added for the lists
            // (a rare procedure's count would otherwise read every dossier); its cost on ingest is in the README.
            // It ends with the code too: a procedure without a time limit has no due instant at all, one tie group.
            e.HasIndex(x => new { x.UnitId, x.ProcedureId, x.IsActive, x.DueAt, x.Code }, DossierIndexes.UnitProcedureOverdueFirst)
                .IsDescending(false, false, true, false, false);
            // "Trễ hạn" lists of a score card's 2.1 line: the few dossiers finished late, by unit and finish, without
            // reading every finished one. DossierQueries filters with the same literal.
            e.HasIndex(x => new { x.UnitId, x.FinishedAt }, DossierIndexes.FinishedLate)
                .HasFilter(postgres ? DossierIndexes.PostgreSql.FinishedLateFilter : DossierIndexes.FinishedLateFilter);
            if (postgres)
            {
                // Code search ("tra cứu mã hồ sơ"): SQLite keeps FTS5 tables beside, of trigrams and of five-character pieces
                // (migrations DossierCodeSearch, DossierCodeGrams).
                e.HasIndex(x => x.Code, "IX_Dossiers_Code_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
                // SQLite sorts NULLs first in an ascending column, PostgreSQL last: the lists order by "DueAt" NULLS FIRST
                // there (SqlDialect.NullsFirst), which an overdue-first index hands over in order only when it keeps its
                // DueAt so; otherwise a page sorts every dossier of the unit (or the province) whose clock runs.
                foreach (var index in e.Metadata.GetIndexes().Where(i => i.Properties.Any(p => p.Name == nameof(DossierRow.DueAt))))
                {
                    index.SetNullSortOrder(index.Properties.Select(p => p.Name == nameof(DossierRow.DueAt) ? NullSortOrder.NullsFirst : NullSortOrder.Unspecified).ToArray());
                }
            }
        });
        b.Entity<TicketRow>(e =>
        {
            e.ToTable("Tickets");
            e.HasKey(x => x.Code);
            e.HasIndex(x => new { x.IsOpen, x.DueAt });
            e.HasIndex(x => new { x.UnitId, x.IsOpen });
            e.HasIndex(x => x.CreatedAt);
            if (postgres)
            {
                // SQLite has these from the Hotline migration's own SQL (an FTS5 trigram table over SearchText, kept
                // by triggers, and three indexes); here the model describes them, so PostgreSQL's migrations make them.
                e.HasIndex(x => x.SearchText, "IX_Tickets_SearchText_Trigram").HasMethod("gin").HasOperators("gin_trgm_ops");
                e.HasIndex(x => x.DuplicateOf, "IX_Tickets_DuplicateOf").HasFilter("\"DuplicateOf\" IS NOT NULL");
                e.HasIndex(x => new { x.CommuneId, x.CreatedAt }, "IX_Tickets_CommuneId_CreatedAt");
                e.HasIndex(x => x.DueAt, "IX_Tickets_DueAt");
            }
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
        b.Entity<DocumentRow>(e =>
        {
            e.ToTable("Documents");
            e.HasKey(x => x.Code);
            e.Property(x => x.Subject).HasMaxLength(1000);
            e.Property(x => x.Assignee).HasMaxLength(200);
            // A unit's list: open ones first, the earliest due first (overdue ones lead), then by registration.
            e.HasIndex(x => new { x.UnitId, x.IsOpen, x.DueAt }).IsDescending(false, true, false);
            e.HasIndex(x => new { x.UnitId, x.RegisteredAt });
        });
        b.Entity<DocumentRollupRow>(e =>
        {
            e.ToTable("DocumentRollups");
            e.HasKey(x => new { x.UnitId, x.Grain, x.Period });
        });
        b.Entity<TicketAnswerTimeRow>(e =>
        {
            e.ToTable("TicketAnswerTimes");
            e.HasKey(x => new { x.UnitId, x.Dimension, x.DimensionValue, x.Grain, x.Period, x.Hours });
        });
    }
}
