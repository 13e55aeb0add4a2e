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

    /// <summary>Raised in this process when a key's playlist changes, so its open screens switch at once.</summary>
    public event Action<int, string?>? PlaylistChanged;

    public async Task<(DisplayKeyEntity Key, string Secret)> CreateAsync(string name, string actor, string? playlist = null, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            throw new ArgumentException("A display key needs a name of at most 100 characters.", nameof(name));
        }
        playlist = CheckPlaylist(playlist);
        var secret = KeyHashing.NewKey("wall");
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = new DisplayKeyEntity
        {
            Name = name.Trim(),
            Prefix = KeyHashing.Visible(secret),
            Hash = KeyHashing.Hash(secret),
            CreatedAt = clock.UtcNow.ToUnixTimeMilliseconds(),
            CreatedBy = actor,
            Playlist = playlist,
        };
        db.DisplayKeys.Add(entity);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "display-key.create", $"display-key:{entity.Id}", after: new { entity.Name, entity.Prefix, entity.Playlist }, ct: ct);
        return (entity, secret);
    }

    /// <summary>Binds a screen to a playlist (null: every scene). The caller checks that the playlist exists in the wall settings.</summary>
    public async Task SetPlaylistAsync(int id, string? playlist, string actor, CancellationToken ct = default)
    {
        playlist = CheckPlaylist(playlist);
        await using var db = await factory.CreateDbContextAsync(ct);
        var entity = await db.DisplayKeys.FindAsync([id], ct) ?? throw new KeyNotFoundException($"Display key {id} does not exist.");
        if (entity.Playlist == playlist)
        {
            return;
        }
        var before = entity.Playlist;
        entity.Playlist = playlist;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(actor, "display-key.playlist", $"display-key:{id}", before: new { entity.Name, Playlist = before }, after: new { entity.Name, entity.Playlist }, ct: ct);
        PlaylistChanged?.Invoke(id, playlist);
    }

    /// <summary>The playlist a screen plays, or null (every scene; also for a key that is gone).</summary>
    public async Task<string?> PlaylistOfAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DisplayKeys.Where(k => k.Id == id).Select(k => k.Playlist).FirstOrDefaultAsync(ct);
    }

    private static string? CheckPlaylist(string? playlist)
    {
        if (string.IsNullOrWhiteSpace(playlist))
        {
            return null;
        }
        return playlist.Length > 100 ? throw new ArgumentException("A playlist name has at most 100 characters.", nameof(playlist)) : playlist.Trim();
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
