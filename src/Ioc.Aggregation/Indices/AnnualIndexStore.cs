using Ioc.Data;
using Ioc.Data.Entities;
using Ioc.Domain.Indices;
using Microsoft.EntityFrameworkCore;

namespace Ioc.Aggregation.Indices;

/// <summary>What an import changed: rows written, and rows of the same years and indices that the file no longer has.</summary>
public sealed record AnnualIndexImportResult(int Written, int Removed, IReadOnlyList<(int Year, string Index)> Replaced);

/// <summary>
/// The yearly results in the database. An import replaces every (year, index) pair its file holds,
/// in one transaction: a corrected file for PAR INDEX 2025 takes the place of the old one whole, while
/// DTI 2025 and PAR INDEX 2024 stay as they were.
/// </summary>
public sealed class AnnualIndexStore(IDbContextFactory<IocDbContext> factory, TimeProvider time)
{
    public async Task<AnnualIndexImportResult> ReplaceAsync(IReadOnlyList<AnnualIndexResult> results, CancellationToken ct = default)
    {
        var pairs = results.Select(r => (r.Year, r.Index)).Distinct().OrderBy(p => p.Year).ThenBy(p => p.Index, StringComparer.Ordinal).ToList();
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var removed = 0;
        foreach (var (year, index) in pairs)
        {
            removed += await db.AnnualIndices.Where(r => r.Year == year && r.Index == index).ExecuteDeleteAsync(ct);
        }
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        db.AnnualIndices.AddRange(results.Select(r => new AnnualIndexRow
        {
            Year = r.Year, UnitId = r.UnitId, Index = r.Index, Score = r.Score, MaxScore = r.Max, Level = r.Level,
            NationalRank = r.NationalRank, NationalOf = r.NationalOf, Source = r.Source, ImportedAt = now,
            Components = [.. r.Components.Select(c => new AnnualIndexComponentRow { Name = c.Name, Score = c.Score, Max = c.Max })],
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new AnnualIndexImportResult(results.Count, removed, pairs);
    }

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AnnualIndices.AnyAsync(ct);
    }

    /// <summary>Every result of these units, all years and indices.</summary>
    public async Task<IReadOnlyList<AnnualIndexResult>> ForUnitsAsync(IReadOnlyCollection<int> unitIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.AnnualIndices.AsNoTracking().Where(r => unitIds.Contains(r.UnitId)).ToListAsync(ct);
        return [.. rows.Select(ToResult)];
    }

    /// <summary>The newest year of <paramref name="index"/> in which any of these units has a result, or null.</summary>
    public async Task<int?> LatestYearAsync(string index, IReadOnlyCollection<int> unitIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AnnualIndices.Where(r => r.Index == index && unitIds.Contains(r.UnitId)).MaxAsync(r => (int?)r.Year, ct);
    }

    private static AnnualIndexResult ToResult(AnnualIndexRow r) =>
        new(r.Year, r.UnitId, r.Index, r.Score, r.MaxScore, r.Level, r.NationalRank, r.NationalOf,
            [.. r.Components.Select(c => new IndexComponent(c.Name, c.Score, c.Max))], r.Source);
}
