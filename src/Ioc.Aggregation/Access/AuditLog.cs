using System.Text.Json;
using Ioc.Data;
using Ioc.Domain.Time;
using Ioc.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Ioc.Aggregation.Access;

/// <summary>Append-only record of triage actions, admin changes, exports and sign-ins.</summary>
public sealed class AuditLog(IDbContextFactory<IocDbContext> factory, ProvinceClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task WriteAsync(string actor, string action, string target, object? before = null, object? after = null, string? detail = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.UtcNow.ToUnixTimeMilliseconds(),
            Actor = actor,
            Action = action,
            Target = target,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
            Detail = detail,
        });
        await db.SaveChangesAsync(ct);
    }

    public sealed record Query(string? Actor = null, string? Action = null, string? Text = null, DateTimeOffset? From = null, DateTimeOffset? To = null, int Skip = 0, int Take = 50);

    public async Task<(IReadOnlyList<AuditEntry> Rows, int Total)> SearchAsync(Query q, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = db.AuditEntries.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(q.Actor))
        {
            rows = rows.Where(a => a.Actor == q.Actor);
        }
        if (!string.IsNullOrWhiteSpace(q.Action))
        {
            rows = rows.Where(a => a.Action.StartsWith(q.Action));
        }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            rows = rows.Where(a => a.Target.Contains(q.Text) || (a.Detail != null && a.Detail.Contains(q.Text)));
        }
        if (q.From is DateTimeOffset from)
        {
            var ms = from.ToUnixTimeMilliseconds();
            rows = rows.Where(a => a.At >= ms);
        }
        if (q.To is DateTimeOffset to)
        {
            var ms = to.ToUnixTimeMilliseconds();
            rows = rows.Where(a => a.At < ms);
        }
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(a => a.Id).Skip(q.Skip).Take(Math.Clamp(q.Take, 1, 500)).ToListAsync(ct);
        return (page, total);
    }
}
