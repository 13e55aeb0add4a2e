using Ioc.Data;
using Ioc.Domain.Time;
using Ioc.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Ioc.Aggregation.Access;

/// <summary>Feeding systems' API keys kept in the database: hashed, revocable, limited to event families.</summary>
public sealed class SourceKeyStore(IDbContextFactory<IocDbContext> factory, AuditLog audit, ProvinceClock clock)
{
    public static readonly string[] Families = ["dossier", "ticket", "document"];

    /// <summary>Raised after a change, so that the registry reloads at once.</summary>
    public event Action? Changed;

    public async Task<(SourceKeyEntity Key, string Secret)> CreateAsync(string name, IReadOnlyCollection<string> allow, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A source key needs a name of at most 100 characters.", nameof(name));
        }
        if (allow.Count == 0 || allow.Any(a => !Families.Contains(a)))
        {
            throw new ArgumentException("Allow at least one of: dossier, ticket, document.", nameof(allow));
        }
        var secret = KeyHashing.NewKey("src");
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = new SourceKeyEntity
        {
            Name = name.Trim(),
            Prefix = KeyHashing.Visible(secret),
            Hash = KeyHashing.Hash(secret),
            Allow = string.Join(',', allow.Order()),
            CreatedAt = clock.UtcNow.ToUnixTimeMilliseconds(),
            CreatedBy = actor,
        };
        db.SourceKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "source-key.create", $"source-key:{entity.Id}", after: new { entity.Name, entity.Prefix, entity.Allow }, ct: ct);
        Changed?.Invoke();
        return (entity, secret);
    }

    public async Task RevokeAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.SourceKeys.FindAsync([id], ct) ?? throw new KeyNotFoundException($"Source key {id} does not exist.");
        if (entity.RevokedAt is null)
        {
            entity.RevokedAt = clock.UtcNow.ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(actor, "source-key.revoke", $"source-key:{id}", before: new { entity.Name, Revoked = false }, after: new { entity.Name, Revoked = true }, ct: ct);
        }
        Changed?.Invoke();
    }

    public async Task<IReadOnlyList<SourceKeyEntity>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SourceKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
    }

    /// <summary>Active keys by hash, for the registry's cache.</summary>
    public async Task<Dictionary<string, SourceKeyEntity>> ActiveByHashAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.SourceKeys.AsNoTracking().Where(k => k.RevokedAt == null).ToDictionaryAsync(k => k.Hash, ct);
    }
}
