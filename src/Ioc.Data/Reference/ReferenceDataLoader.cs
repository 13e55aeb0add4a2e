using Ioc.Data.Entities;
using Ioc.Domain.Catalog;
using Ioc.Domain.Units;
using Microsoft.EntityFrameworkCore;

namespace Ioc.Data.Reference;

/// <summary>
/// Brings the reference files into the database by code (existing codes keep their ids, so
/// rollups stay valid) and builds the in-memory catalogue from the database. Nothing is deleted:
/// a unit that disappears from the file may still have history.
/// </summary>
public static class ReferenceDataLoader
{
    /// <summary>Applies the files in one transaction: a failure half-way leaves the database as it was.</summary>
    /// <returns>The catalogue, and whether a unit moved (or merged) under another parent, which changes every rollup of its old and new ancestors.</returns>
    public static async Task<(ReferenceCatalog Catalog, bool TreeChanged)> SyncAsync(IocDbContext db, string directory, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await ApplyAsync(db, directory, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private static async Task<(ReferenceCatalog, bool)> ApplyAsync(IocDbContext db, string directory, CancellationToken ct)
    {
        var units = ReferenceFiles.ReadUnits(directory);
        var procedures = ReferenceFiles.ReadProcedures(directory);
        var categories = ReferenceFiles.ReadCategories(directory);

        var existingUnits = await db.Units.ToDictionaryAsync(u => u.Code, ct);
        var parentsBefore = existingUnits.ToDictionary(kv => kv.Key, kv => kv.Value.ParentId, StringComparer.Ordinal);
        // A unit with history cannot just disappear: its events, rollups and rankings would be orphaned.
        var listed = units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        if (existingUnits.Keys.Where(c => !listed.Contains(c)).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } missing)
        {
            throw new ReferenceDataException([.. missing.Select(c => new ReferenceProblem(ReferenceFiles.UnitsFile, c, "-",
                "is in the database (with its history) but missing from the file; keep it with \"retiredFrom\": \"yyyy-MM-dd\" (and \"mergedInto\" if it was merged)"))]);
        }
        foreach (var u in units)
        {
            if (!existingUnits.TryGetValue(u.Code, out var entity))
            {
                entity = new UnitEntity { Code = u.Code, Name = u.Name, ShortName = u.ShortName ?? u.Name };
                db.Units.Add(entity);
                existingUnits[u.Code] = entity;
            }
            entity.Name = u.Name;
            entity.ShortName = u.ShortName ?? u.Name;
            entity.Kind = ReferenceFiles.ParseKind(u.Kind, u.Code);
            entity.Latitude = u.Latitude;
            entity.Longitude = u.Longitude;
            entity.RetiredFrom = u.RetiredFrom;
            entity.MergedInto = u.MergedInto;
        }
        await db.SaveChangesAsync(ct);
        var treeChanged = false;
        foreach (var u in units)
        {
            var entity = existingUnits[u.Code];
            var parentId = u.EffectiveParent is null
                ? (int?)null
                : existingUnits.TryGetValue(u.EffectiveParent, out var parent) ? parent.Id : throw new InvalidDataException($"{ReferenceFiles.UnitsFile}: unit {u.Code} names unknown parent {u.EffectiveParent}.");
            // A new unit has no history yet; an existing one that moves takes its history along.
            treeChanged |= parentsBefore.TryGetValue(u.Code, out var before) && before != parentId;
            entity.ParentId = parentId;
        }

        var existingProcedures = await db.Procedures.ToDictionaryAsync(p => p.Code, ct);
        foreach (var p in procedures)
        {
            if (!existingProcedures.TryGetValue(p.Code, out var entity))
            {
                entity = new ProcedureEntity { Code = p.Code, Name = p.Name, Field = p.Field, HandledBy = p.HandledBy };
                db.Procedures.Add(entity);
            }
            entity.Name = p.Name;
            entity.Field = p.Field;
            entity.HandledBy = p.HandledBy;
            var limit = ReferenceFiles.ParseLimit(p);
            entity.LimitKind = limit.Kind;
            entity.LimitAmount = limit.Amount;
            entity.OnlineLevel = ReferenceFiles.ParseOnlineLevel(p.OnlineLevel, p.Code);
            entity.FeeBearing = p.Fee;
        }

        var existingCategories = await db.HotlineCategories.ToDictionaryAsync(c => c.Code, ct);
        foreach (var c in categories)
        {
            if (!existingCategories.TryGetValue(c.Code, out var entity))
            {
                entity = new HotlineCategoryEntity { Code = c.Code, Name = c.Name, Responsible = c.Responsible };
                db.HotlineCategories.Add(entity);
            }
            entity.Name = c.Name;
            entity.SlaWorkingDays = c.Sla.WorkingDays;
            entity.SlaHours = c.Sla.Hours;
            entity.SlaUrgentHours = c.Sla.UrgentHours;
            entity.Responsible = c.Responsible;
        }
        await db.SaveChangesAsync(ct);
        return (await LoadCatalogAsync(db, ct), treeChanged);
    }

    public static async Task<ReferenceCatalog> LoadCatalogAsync(IocDbContext db, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking().ToListAsync(ct);
        var categories = await db.HotlineCategories.AsNoTracking().ToListAsync(ct);
        var tree = new UnitTree(units.Select(u => new Unit(u.Id, u.Code, u.Name, u.ShortName, u.Kind, u.ParentId, u.Latitude, u.Longitude, u.RetiredFrom)));
        return new ReferenceCatalog(
            tree,
            procedures.Select(p => new Procedure(p.Id, p.Code, p.Name, p.Field, p.HandledBy, TimeLimit.Of(p.LimitKind, p.LimitAmount), p.OnlineLevel, p.FeeBearing)),
            categories.Select(c => new HotlineCategory(c.Id, c.Code, c.Name, new ServiceLevel(c.SlaWorkingDays, c.SlaHours, c.SlaUrgentHours), c.Responsible)));
    }
}
