using Ioc.Contracts;
using Ioc.Domain.Catalog;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Text;
using Ioc.Domain.Time;
using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Ingest;

/// <summary>An event whose codes resolved to catalogue ids; exactly one of <see cref="Dossier"/>, <see cref="Ticket"/> and <see cref="Document"/> is set.</summary>
public sealed record ParsedEvent(int Index, IngestEvent Wire, DossierEvent? Dossier, TicketEvent? Ticket, DocumentEvent? Document = null)
{
    public string EntityCode => Dossier?.DossierCode ?? Ticket?.TicketCode ?? Document!.DocumentCode;

    public DateTimeOffset OccurredAt => Dossier?.OccurredAt ?? Ticket?.OccurredAt ?? Document!.OccurredAt;

    /// <summary>"d:", "t:" or "k:" and the code: entities of different families may share a code.</summary>
    public string EntityKey => (Dossier is not null ? "d:" : Ticket is not null ? "t:" : "k:") + EntityCode;

    private string? _payload;

    /// <summary>
    /// The event as stored, and as its content is compared when its id comes again: the wire form as JSON, made
    /// once. The API makes it on the request's thread before the batch queues for the writer (IngestPipeline),
    /// so the single writer does not serialize a thousand events under its lock.
    /// </summary>
    public string Payload => _payload ??= System.Text.Json.JsonSerializer.Serialize(Wire, IngestJsonContext.Default.IngestEvent);
}

/// <summary>
/// Checks each event on its own (fields, codes, formats) and turns it into a domain event.
/// Checks that need the current state (transitions, order) happen later, in the pipeline.
/// </summary>
public sealed class EventParser(ReferenceCatalog catalog, ProvinceClock clock, IngestLimits limits, bool replay = false)
{
    /// <summary>
    /// A parser for events already stored (timelines, history, rebuild). They were admitted under
    /// the rules of their day: admission rules added since (characters, where a procedure may be
    /// received, how far ahead a time may lie, lengths) must not drop them from a replay.
    /// </summary>
    public static EventParser ForReplay(ReferenceCatalog catalog) =>
        new(catalog, new ProvinceClock(new FarFutureTime()), new IngestLimits { CheckProcedureUnit = false, MaxTextLength = 10_000, MaxCodeLength = 200, MaxIdLength = 200 }, replay: true);

    private sealed class FarFutureTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.MaxValue.AddYears(-1);
    }

    /// <summary>Every text field of an event, and whether it may hold line breaks and tabs.</summary>
    private static readonly (string Name, Func<IngestEvent, string?> Value, bool Multiline)[] TextFields =
    [
        ("id", e => e.Id, false), ("type", e => e.Type, false), ("actor", e => e.Actor, false),
        ("dossier", e => e.Dossier, false), ("unit", e => e.Unit, false), ("procedure", e => e.Procedure, false),
        ("channel", e => e.Channel, false), ("ticket", e => e.Ticket, false), ("category", e => e.Category, false),
        ("text", e => e.Text, true), ("address", e => e.Address, false), ("commune", e => e.Commune, false),
        ("reporterName", e => e.ReporterName, false), ("reporterPhone", e => e.ReporterPhone, false),
        ("urgency", e => e.Urgency, false), ("answer", e => e.Answer, true), ("duplicateOf", e => e.DuplicateOf, false),
        ("reason", e => e.Reason, true), ("document", e => e.Document, false), ("subject", e => e.Subject, false),
        ("assignee", e => e.Assignee, false),
    ];

    private readonly ProcedurePlacement? _placement = limits.CheckProcedureUnit ? Placement(catalog, limits.ProcedureDelegations) : null;

    private static readonly Dictionary<string, DossierEventKind> DossierKinds = new(StringComparer.Ordinal)
    {
        [EventTypes.DossierReceived] = DossierEventKind.Received,
        [EventTypes.DossierProcessing] = DossierEventKind.Processing,
        [EventTypes.DossierPaused] = DossierEventKind.Paused,
        [EventTypes.DossierResumed] = DossierEventKind.Resumed,
        [EventTypes.DossierCompleted] = DossierEventKind.Completed,
        [EventTypes.DossierReturned] = DossierEventKind.Returned,
        [EventTypes.DossierWithdrawn] = DossierEventKind.Withdrawn,
    };

    private static readonly Dictionary<string, TicketEventKind> TicketKinds = new(StringComparer.Ordinal)
    {
        [EventTypes.TicketCreated] = TicketEventKind.Created,
        [EventTypes.TicketTriaged] = TicketEventKind.Triaged,
        [EventTypes.TicketRouted] = TicketEventKind.Routed,
        [EventTypes.TicketAccepted] = TicketEventKind.Accepted,
        [EventTypes.TicketAwaitingInfo] = TicketEventKind.AwaitingInfo,
        [EventTypes.TicketInfoReceived] = TicketEventKind.InfoReceived,
        [EventTypes.TicketAnswered] = TicketEventKind.Answered,
        [EventTypes.TicketPublished] = TicketEventKind.Published,
        [EventTypes.TicketClosed] = TicketEventKind.Closed,
        [EventTypes.TicketRejected] = TicketEventKind.Rejected,
        [EventTypes.TicketReturned] = TicketEventKind.ReturnedToTriage,
        [EventTypes.TicketDuplicate] = TicketEventKind.MarkedDuplicate,
        [EventTypes.TicketRated] = TicketEventKind.Rated,
        [EventTypes.TicketUrgencySet] = TicketEventKind.UrgencySet,
        [EventTypes.TicketDueSet] = TicketEventKind.DueSet,
    };

    private static readonly Dictionary<string, DocumentEventKind> DocumentKinds = new(StringComparer.Ordinal)
    {
        [EventTypes.DocumentReceived] = DocumentEventKind.Received,
        [EventTypes.DocumentAssigned] = DocumentEventKind.Assigned,
        [EventTypes.DocumentProcessed] = DocumentEventKind.Processed,
        [EventTypes.DocumentIssued] = DocumentEventKind.Issued,
    };

    public static IReadOnlyCollection<string> DossierTypes => DossierKinds.Keys;

    public static IReadOnlyCollection<string> DocumentTypes => DocumentKinds.Keys;

    public static IReadOnlyCollection<string> TicketTypes => TicketKinds.Keys;

    public ParsedEvent? Parse(int index, IngestEvent e, List<IngestError> errors)
    {
        var before = errors.Count;
        var id = ErrorText.ShortenId(e.Id);
        void Error(string code, string message) => errors.Add(new IngestError(index, id, code, message));

        foreach (var (name, value, multiline) in replay ? [] : TextFields)
        {
            if (UnsafeCharacters.Find(value(e), multiline) is var (position, codePoint))
            {
                Error("field.control-char", $"'{name}' holds the character U+{codePoint:X4} at position {position}, which is not allowed{(multiline ? "" : " (line breaks and tabs only in text, answer and reason)")}.");
            }
        }
        if (errors.Count > before)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(e.Id))
        {
            Error("field.missing", "'id' is required.");
        }
        else if (e.Id.Length > limits.MaxIdLength)
        {
            Error("field.too-long", $"'id' is longer than {limits.MaxIdLength} characters.");
        }
        // States keep unix milliseconds; finer ticks would make a replay differ from what was stored.
        if (e.OccurredAt is not DateTimeOffset at)
        {
            Error("field.missing", "'occurredAt' is required (ISO 8601 with offset).");
            at = default;
        }
        else if (at > clock.UtcNow + limits.MaxClockSkew)
        {
            Error("event.future", $"'occurredAt' {at:O} lies in the future.");
        }
        else if (at.Year < 2000)
        {
            Error("event.too-old", $"'occurredAt' {at:O} is before 2000.");
        }
        at = TruncateToMilliseconds(at);
        if (e.Actor is { Length: > 200 })
        {
            Error("field.too-long", "'actor' is longer than 200 characters.");
        }

        ParsedEvent? parsed = null;
        if (e.Type is string type && DossierKinds.TryGetValue(type, out var dk))
        {
            var dossier = ParseDossier(dk, e, at, Error);
            parsed = dossier is null ? null : new ParsedEvent(index, e, dossier, null);
        }
        else if (e.Type is string ttype && TicketKinds.TryGetValue(ttype, out var tk))
        {
            var ticket = ParseTicket(tk, e, at, Error);
            parsed = ticket is null ? null : new ParsedEvent(index, e, null, ticket);
        }
        else if (e.Type is string ktype && DocumentKinds.TryGetValue(ktype, out var kk))
        {
            var document = ParseDocument(kk, e, at, Error);
            parsed = document is null ? null : new ParsedEvent(index, e, null, null, document);
        }
        else
        {
            Error("event.type", e.Type is null ? "'type' is required." : $"Unknown event type '{ErrorText.Shorten(e.Type)}'.");
        }
        return errors.Count == before ? parsed : null;
    }

    private DossierEvent? ParseDossier(DossierEventKind kind, IngestEvent e, DateTimeOffset at, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(e.Dossier))
        {
            error("field.missing", "'dossier' (the dossier code) is required.");
            return null;
        }
        if (e.Dossier.Length > limits.MaxCodeLength)
        {
            error("field.too-long", $"'dossier' is longer than {limits.MaxCodeLength} characters.");
            return null;
        }
        int? unitId = null, procedureId = null;
        DossierChannel? channel = null;
        if (kind == DossierEventKind.Received)
        {
            unitId = ResolveUnit(e.Unit, "unit", required: true, at, error);
            if (string.IsNullOrWhiteSpace(e.Procedure))
            {
                error("field.missing", "'procedure' is required.");
            }
            else if (catalog.FindProcedure(e.Procedure) is Procedure p)
            {
                procedureId = p.Id;
                if (unitId is int u && _placement is not null && !_placement.Accepts(p, catalog.Units[u]))
                {
                    error("procedure.wrong-unit", p.HandledBy == Procedure.HandledByCommune
                        ? $"Procedure '{p.Code}' is handled by communes, wards and special zones, not by '{e.Unit}'."
                        : $"Procedure '{p.Code}' is handled by '{p.HandledBy}' and its offices, not by '{e.Unit}'; a delegation goes into Ingest:ProcedureDelegations.");
                    procedureId = null;
                }
            }
            else
            {
                error("procedure.unknown", $"Unknown procedure '{ErrorText.Shorten(e.Procedure)}'.");
            }
            channel = e.Channel switch
            {
                "online" => DossierChannel.Online,
                "in-person" => DossierChannel.InPerson,
                "postal" => DossierChannel.Postal,
                _ => null,
            };
            if (channel is null)
            {
                error(e.Channel is null ? "field.missing" : "field.invalid", "'channel' must be 'online', 'in-person' or 'postal'.");
            }
            if (channel is not null and not DossierChannel.Online && e.VneidAuthenticated == true)
            {
                error("field.invalid", "'vneidAuthenticated' applies to dossiers submitted online only.");
                return null;
            }
            if (unitId is null || procedureId is null || channel is null)
            {
                return null;
            }
        }
        DossierRating? rating = null;
        if (e.Rating is not null)
        {
            rating = e.Rating switch
            {
                "satisfied" => DossierRating.Satisfied,
                "dissatisfied" => DossierRating.Dissatisfied,
                _ => null,
            };
            if (rating is null)
            {
                error("field.invalid", "'rating' must be 'satisfied' or 'dissatisfied'.");
                return null;
            }
            if (kind is not (DossierEventKind.Completed or DossierEventKind.Returned))
            {
                error("field.invalid", "'rating' is given with dossier.completed or dossier.returned, when the citizen has the result.");
                return null;
            }
        }
        var flags = (e.SyncedToNationalPortal == true ? DossierFlags.SyncedToNationalPortal : 0)
            | (e.VneidAuthenticated == true ? DossierFlags.VneidAuthenticated : 0)
            | (e.PopulationData == true ? DossierFlags.PopulationData : 0)
            | (e.DigitizedDataReused == true ? DossierFlags.DigitizedDataReused : 0)
            | (e.ElectronicCopy == true ? DossierFlags.ElectronicCopy : 0)
            | (e.LinkedToDataStore == true ? DossierFlags.LinkedToDataStore : 0);
        return new DossierEvent(kind, e.Dossier, at, unitId, procedureId, channel, e.PaidOnline, e.Digitized, e.ElectronicResult, flags, rating);
    }

    private TicketEvent? ParseTicket(TicketEventKind kind, IngestEvent e, DateTimeOffset at, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(e.Ticket))
        {
            error("field.missing", "'ticket' (the ticket code) is required.");
            return null;
        }
        if (e.Ticket.Length > limits.MaxCodeLength)
        {
            error("field.too-long", $"'ticket' is longer than {limits.MaxCodeLength} characters.");
            return null;
        }
        var ok = true;
        void Fail(string code, string message)
        {
            error(code, message);
            ok = false;
        }

        TicketChannel? channel = null;
        if (kind == TicketEventKind.Created)
        {
            channel = e.Channel switch
            {
                "phone" => TicketChannel.Phone,
                "app" => TicketChannel.App,
                "web" => TicketChannel.Web,
                "zalo" => TicketChannel.Zalo,
                "email" => TicketChannel.Email,
                "portal" => TicketChannel.NationalPortal,
                _ => null,
            };
            if (channel is null)
            {
                Fail(e.Channel is null ? "field.missing" : "field.invalid", "'channel' must be one of phone, app, web, zalo, email, portal.");
            }
        }
        int? categoryId = null;
        if (e.Category is not null)
        {
            if (catalog.FindCategory(e.Category) is HotlineCategory c)
            {
                categoryId = c.Id;
            }
            else
            {
                Fail("category.unknown", $"Unknown category '{ErrorText.Shorten(e.Category)}'.");
            }
        }
        TicketUrgency? urgency = e.Urgency switch
        {
            null => null,
            "normal" => TicketUrgency.Normal,
            "high" => TicketUrgency.High,
            "urgent" => TicketUrgency.Urgent,
            _ => null,
        };
        if (e.Urgency is not null && urgency is null)
        {
            Fail("field.invalid", "'urgency' must be normal, high or urgent.");
        }
        int? communeId = null;
        if (e.Commune is not null)
        {
            communeId = ResolveUnit(e.Commune, "commune", required: false, at, Fail);
        }
        int? unitId = null;
        if (e.Unit is not null)
        {
            unitId = ResolveUnit(e.Unit, "unit", required: false, at, Fail);
        }
        CheckLength(e.Text, "text", limits.MaxTextLength, Fail);
        CheckLength(e.Answer, "answer", limits.MaxTextLength, Fail);
        CheckLength(e.Address, "address", 500, Fail);
        CheckLength(e.ReporterName, "reporterName", 200, Fail);
        CheckLength(e.ReporterPhone, "reporterPhone", 40, Fail);
        CheckLength(e.Reason, "reason", 2000, Fail);
        CheckLength(e.DuplicateOf, "duplicateOf", limits.MaxCodeLength, Fail);
        // CSV backfill reads "NaN" and "Infinity" as numbers; JSON cannot carry them.
        if (e.Latitude is double lat && !double.IsFinite(lat) || e.Longitude is double lon && !double.IsFinite(lon))
        {
            Fail("field.invalid", "'latitude' and 'longitude' must be finite numbers.");
        }
        if (!ok)
        {
            return null;
        }
        return new TicketEvent(kind, e.Ticket, at, e.Actor, channel, categoryId, e.Text, e.Address, communeId,
            e.Latitude, e.Longitude, e.ReporterName, e.ReporterPhone, e.IsPublic, urgency, unitId, e.Answer,
            e.Satisfied, e.DuplicateOf, e.DueAt is DateTimeOffset due ? TruncateToMilliseconds(due) : null, e.Reason, e.IfUnchangedSince);
    }

    private DocumentEvent? ParseDocument(DocumentEventKind kind, IngestEvent e, DateTimeOffset at, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(e.Document))
        {
            error("field.missing", "'document' (the document's id in the document system) is required.");
            return null;
        }
        var ok = true;
        void Fail(string code, string message)
        {
            error(code, message);
            ok = false;
        }
        CheckLength(e.Document, "document", limits.MaxCodeLength, Fail);
        CheckLength(e.Subject, "subject", 1000, Fail);
        CheckLength(e.Assignee, "assignee", 200, Fail);
        int? unitId = null;
        var registers = kind is DocumentEventKind.Received or DocumentEventKind.Issued;
        if (registers)
        {
            unitId = ResolveUnit(e.Unit, "unit", required: true, at, Fail);
            if (e.Electronic is null)
            {
                Fail("field.missing", "'electronic' is required: true for văn bản điện tử, false for paper.");
            }
        }
        else if (e.Unit is not null)
        {
            Fail("field.invalid", "'unit' is given when a document is received or issued, not later.");
        }
        if (e.DueAt is not null && kind is not (DocumentEventKind.Received or DocumentEventKind.Assigned))
        {
            Fail("field.invalid", "'dueAt' (hạn xử lý) belongs to document.received or document.assigned.");
        }
        if (e.DigitallySigned is not null && kind != DocumentEventKind.Issued)
        {
            Fail("field.invalid", "'digitallySigned' belongs to document.issued.");
        }
        if (!ok)
        {
            return null;
        }
        return new DocumentEvent(kind, e.Document, at, unitId, e.Electronic, e.InterConnected, e.DigitallySigned,
            e.DueAt is DateTimeOffset due ? TruncateToMilliseconds(due) : null, e.Subject, e.Assignee);
    }

    /// <summary>The placement rule, after checking that every delegation names a real procedure and unit.</summary>
    private static ProcedurePlacement Placement(ReferenceCatalog catalog, IReadOnlyList<ProcedureDelegation> delegations)
    {
        var wrong = delegations
            .Where(d => catalog.FindProcedure(d.Procedure) is null || (d.Unit != Procedure.HandledByCommune && catalog.Units.FindByCode(d.Unit) is null))
            .Select(d => $"{d.Procedure} → {d.Unit}")
            .ToList();
        if (wrong.Count > 0)
        {
            throw new InvalidOperationException($"{IngestLimits.Section}:ProcedureDelegations name unknown procedures or units: {string.Join(", ", wrong)}.");
        }
        return new ProcedurePlacement(catalog.Units, delegations);
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerMillisecond));

    private int? ResolveUnit(string? code, string field, bool required, DateTimeOffset at, Action<string, string> error)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            if (required)
            {
                error("field.missing", $"'{field}' is required.");
            }
            return null;
        }
        if (catalog.Units.FindByCode(code) is { } unit)
        {
            // Events from before a unit was retired or merged are its history and still welcome (backfill).
            if (!replay && unit.RetiredFrom is DateOnly retired && !unit.IsActiveOn(Domain.Time.ProvinceTime.LocalDate(at)))
            {
                error("unit.retired", $"Unit '{unit.Code}' no longer exists from {retired:yyyy-MM-dd} (retired or merged); send events of that day on for the unit that took over its work.");
                return null;
            }
            return unit.Id;
        }
        error("unit.unknown", $"Unknown unit '{ErrorText.Shorten(code)}' in '{field}'.");
        return null;
    }

    private static void CheckLength(string? value, string field, int max, Action<string, string> error)
    {
        if (value is { Length: var n } && n > max)
        {
            error("field.too-long", $"'{field}' is longer than {max} characters.");
        }
    }
}
