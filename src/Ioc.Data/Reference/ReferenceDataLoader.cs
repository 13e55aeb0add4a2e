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
    public static async Task<ReferenceCatalog> SyncAsync(IocDbContext db, string directory, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var catalog = await ApplyAsync(db, directory, ct);
        await transaction.CommitAsync(ct);
        return catalog;
    }

    private static async Task<ReferenceCatalog> ApplyAsync(IocDbContext db, string directory, CancellationToken ct)
    {
        var units = ReferenceFiles.ReadUnits(directory);
        var procedures = ReferenceFiles.ReadProcedures(directory);
        var categories = ReferenceFiles.ReadCategories(directory);

        var existingUnits = await db.Units.ToDictionaryAsync(u => u.Code, ct);
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
        }
        await db.SaveChangesAsync(ct);
        foreach (var u in units)
        {
            existingUnits[u.Code].ParentId = u.Parent is null
                ? null
                : existingUnits.TryGetValue(u.Parent, out var parent) ? parent.Id : throw new InvalidDataException($"{ReferenceFiles.UnitsFile}: unit {u.Code} names unknown parent {u.Parent}.");
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
            entity.Responsible = c.Responsible;
        }
        await db.SaveChangesAsync(ct);
        return await LoadCatalogAsync(db, ct);
    }

    public static async Task<ReferenceCatalog> LoadCatalogAsync(IocDbContext db, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking().ToListAsync(ct);
        var categories = await db.HotlineCategories.AsNoTracking().ToListAsync(ct);
        var tree = new UnitTree(units.Select(u => new Unit(u.Id, u.Code, u.Name, u.ShortName, u.Kind, u.ParentId, u.Latitude, u.Longitude)));
        return new ReferenceCatalog(
            tree,
            procedures.Select(p => new Procedure(p.Id, p.Code, p.Name, p.Field, p.HandledBy, TimeLimit.Of(p.LimitKind, p.LimitAmount), p.OnlineLevel, p.FeeBearing)),
            categories.Select(c => new HotlineCategory(c.Id, c.Code, c.Name, new ServiceLevel(c.SlaWorkingDays, c.SlaHours), c.Responsible)));
    }
}
