using Microsoft.AspNetCore.Identity;

namespace Ioc.Data.Entities;

/// <summary>A person who signs in: a leader, a department head bound to a unit, a hotline operator or an admin.</summary>
public sealed class IocUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The unit a department head is bound to; null for roles that see every unit.</summary>
    public int? UnitId { get; set; }
}

/// <summary>A feeding system's API key. Only a SHA-256 hash is stored; the key is shown once when created.</summary>
public sealed class SourceKeyEntity
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>The key's first characters, so that admins can tell keys apart.</summary>
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    /// <summary>Comma-separated event families it may send: dossier, ticket.</summary>
    public required string Allow { get; set; }
    public long CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public long? RevokedAt { get; set; }
    public long? LastUsedAt { get; set; }
}

/// <summary>A wall screen's key: opening /wall?key=… once registers the screen, until the key is revoked.</summary>
public sealed class DisplayKeyEntity
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; set; }
    public required string Hash { get; set; }
    public long CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public long? RevokedAt { get; set; }
    public long? LastSeenAt { get; set; }
    /// <summary>The wall playlist (Wall:Playlists) this screen plays; null: every scene.</summary>
    public string? Playlist { get; set; }
}

/// <summary>Who did what, when: triage actions, admin changes, exports, sign-ins.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public long At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Target { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    public string? Detail { get; set; }
}
