using System.Collections.Concurrent;
using Ioc.Data;
using Ioc.Domain.Time;
using Ioc.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Ioc.Aggregation.Access;

/// <summary>Wall-screen keys: created and revoked by admins, checked whenever a screen shows up and while it runs.</summary>
public sealed class DisplayKeyStore(IDbContextFactory<IocDbContext> factory, AuditLog audit, ProvinceClock clock)
{
    private readonly ConcurrentDictionary<int, bool> _revoked = new();

    /// <summary>Raised in this process when a key is revoked, so its screens leave at once.</summary>
    public event Action<int>? Revoked;

    public async Task<(DisplayKeyEntity Key, string Secret)> CreateAsync(string name, string actor, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A display key needs a name of at most 100 characters.", nameof(name));
        }
        var secret = KeyHashing.NewKey("wall");
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = new DisplayKeyEntity
        {
            Name = name.Trim(),
            Prefix = KeyHashing.Visible(secret),
            Hash = KeyHashing.Hash(secret),
            CreatedAt = clock.UtcNow.ToUnixTimeMilliseconds(),
            CreatedBy = actor,
        };
        db.DisplayKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "display-key.create", $"display-key:{entity.Id}", after: new { entity.Name, entity.Prefix }, ct: ct);
        return (entity, secret);
    }

    public async Task RevokeAsync(int id, string actor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.DisplayKeys.FindAsync([id], ct) ?? throw new KeyNotFoundException($"Display key {id} does not exist.");
        if (entity.RevokedAt is null)
        {
            entity.RevokedAt = clock.UtcNow.ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(actor, "display-key.revoke", $"display-key:{id}", before: new { entity.Name, Revoked = false }, after: new { entity.Name, Revoked = true }, ct: ct);
        }
        _revoked[id] = true;
        Revoked?.Invoke(id);
    }

    public async Task<IReadOnlyList<DisplayKeyEntity>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DisplayKeys.AsNoTracking().OrderByDescending(k => k.Id).ToListAsync(ct);
    }

    /// <summary>The active key with this secret, or null.</summary>
    public async Task<DisplayKeyEntity?> FindActiveAsync(string? secret, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }
        var hash = KeyHashing.Hash(secret);
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = await db.DisplayKeys.FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, ct);
        if (key is not null)
        {
            key.LastSeenAt = clock.UtcNow.ToUnixTimeMilliseconds();
            await db.SaveChangesAsync(ct);
        }
        return key;
    }

    /// <summary>Those of <paramref name="ids"/> that are revoked or gone, in one query: revocations made by another process show up here.</summary>
    public async Task<IReadOnlyList<int>> InactiveAmongAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        var unknown = ids.Where(id => !_revoked.ContainsKey(id)).ToList();
        var active = new HashSet<int>();
        if (unknown.Count > 0)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            active = [.. await db.DisplayKeys.Where(k => unknown.Contains(k.Id) && k.RevokedAt == null).Select(k => k.Id).ToListAsync(ct)];
        }
        var inactive = ids.Where(id => !active.Contains(id)).ToList();
        foreach (var id in inactive)
        {
            _revoked[id] = true;
        }
        return inactive;
    }

    public async Task<bool> IsActiveAsync(int id, CancellationToken ct = default)
    {
        if (_revoked.ContainsKey(id))
        {
            return false;
        }
        await using var db = await factory.CreateDbContextAsync(ct);
        var active = await db.DisplayKeys.AnyAsync(k => k.Id == id && k.RevokedAt == null, ct);
        if (!active)
        {
            _revoked[id] = true;
        }
        return active;
    }
}
