using Ioc.Contracts;

namespace Ioc.Testing;

/// <summary>Builders of ingest events with sensible defaults, so a test states only what matters to it.</summary>
public static class Events
{
    private static long _next;

    public static string NewId(string prefix = "t") => $"{prefix}-{Interlocked.Increment(ref _next)}-{Guid.NewGuid():N}";

    public static IngestEvent DossierReceived(string dossier, string unit, string procedure, DateTimeOffset at, string channel = "online",
        bool? paidOnline = null, bool? digitized = null) => new()
        {
            Id = NewId(),
            Type = EventTypes.DossierReceived,
            OccurredAt = at,
            Dossier = dossier,
            Unit = unit,
            Procedure = procedure,
            Channel = channel,
            PaidOnline = paidOnline,
            Digitized = digitized,
        };

    public static IngestEvent Dossier(string type, string dossier, DateTimeOffset at, bool? electronicResult = null) => new()
    {
        Id = NewId(),
        Type = type,
        OccurredAt = at,
        Dossier = dossier,
        ElectronicResult = electronicResult,
    };

    public static IngestEvent TicketCreated(string ticket, DateTimeOffset at, string channel = "phone", string? category = null,
        string text = "Phản ánh ngập nước tại tổ 3", string? commune = null, string? reporterName = null, string? reporterPhone = null, bool isPublic = true) => new()
        {
            Id = NewId(),
            Type = EventTypes.TicketCreated,
            OccurredAt = at,
            Ticket = ticket,
            Channel = channel,
            Category = category,
            Text = text,
            Commune = commune,
            ReporterName = reporterName,
            ReporterPhone = reporterPhone,
            IsPublic = isPublic,
        };

    public static IngestEvent Ticket(string type, string ticket, DateTimeOffset at, Action<IngestEvent>? configure = null)
    {
        var e = new IngestEvent { Id = NewId(), Type = type, OccurredAt = at, Ticket = ticket };
        configure?.Invoke(e);
        return e;
    }
}
