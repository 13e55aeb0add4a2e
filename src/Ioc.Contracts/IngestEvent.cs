using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ioc.Contracts;

/// <summary>
/// One event as a feeding system sends it to <c>POST /api/v1/events</c>, or as one CSV row of a
/// backfill. Flat on purpose: the same field names serve JSON and CSV. Which fields are required
/// depends on <see cref="Type"/>; see the README for the table.
/// </summary>
public sealed class IngestEvent
{
    /// <summary>
    /// Unique among the events of its source system. The same id again with the same content is
    /// acknowledged as a duplicate; with different content it is refused (409).
    /// </summary>
    public string? Id { get; set; }

    /// <summary><c>dossier.received</c>, <c>dossier.paused</c>, …, <c>ticket.created</c>, <c>ticket.routed</c>, …</summary>
    public string? Type { get; set; }

    /// <summary>When it happened at the source: ISO 8601 with its UTC offset (<see cref="IsoTimestamp"/>).</summary>
    public DateTimeOffset? OccurredAt { get; set; }

    /// <summary>Who did it (a user name at the source), for the action log.</summary>
    public string? Actor { get; set; }

    // Dossier fields.
    public string? Dossier { get; set; }
    public string? Unit { get; set; }
    public string? Procedure { get; set; }
    /// <summary><c>online</c>, <c>in-person</c> or <c>postal</c>.</summary>
    public string? Channel { get; set; }
    public bool? PaidOnline { get; set; }
    public bool? Digitized { get; set; }
    public bool? ElectronicResult { get; set; }
    /// <summary>The dossier is synchronised to the National Public Service Portal (đồng bộ lên Cổng DVCQG).</summary>
    public bool? SyncedToNationalPortal { get; set; }
    /// <summary>Submitted online with a VNeID-authenticated account (Đề án 06). Only for online dossiers.</summary>
    public bool? VneidAuthenticated { get; set; }
    /// <summary>Data taken from the national population database (khai thác CSDL quốc gia về dân cư).</summary>
    public bool? PopulationData { get; set; }
    /// <summary>Data digitized earlier was reused instead of asking the citizen again (tái sử dụng dữ liệu số hóa).</summary>
    public bool? DigitizedDataReused { get; set; }
    /// <summary>A certified electronic copy (bản sao chứng thực điện tử) was issued with the result.</summary>
    public bool? ElectronicCopy { get; set; }
    /// <summary>The result was put into the citizen's data store (Kho quản lý dữ liệu điện tử của tổ chức, cá nhân).</summary>
    public bool? LinkedToDataStore { get; set; }
    /// <summary>The citizen's rating of the dossier's handling: <c>satisfied</c> or <c>dissatisfied</c>; on <c>dossier.completed</c> or <c>dossier.returned</c>.</summary>
    public string? Rating { get; set; }

    // Ticket fields.
    public string? Ticket { get; set; }
    public string? Category { get; set; }
    public string? Text { get; set; }
    public string? Address { get; set; }
    public string? Commune { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? ReporterName { get; set; }
    public string? ReporterPhone { get; set; }
    public bool? IsPublic { get; set; }
    /// <summary><c>normal</c>, <c>high</c> or <c>urgent</c>.</summary>
    public string? Urgency { get; set; }
    public string? Answer { get; set; }
    public bool? Satisfied { get; set; }
    public string? DuplicateOf { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? Reason { get; set; }

    // Document fields (văn bản đến/đi); unit and dueAt are shared with the other families.
    public string? Document { get; set; }
    /// <summary>Văn bản điện tử (true) or paper (false); required when a document is received or issued.</summary>
    public bool? Electronic { get; set; }
    /// <summary>Received or sent over the national document exchange axis (trục liên thông).</summary>
    public bool? InterConnected { get; set; }
    /// <summary>Issued with a digital signature (ký số).</summary>
    public bool? DigitallySigned { get; set; }
    /// <summary>Trích yếu: what the document is about.</summary>
    public string? Subject { get; set; }
    /// <summary>Who the document is assigned to (a person or office at the source).</summary>
    public string? Assignee { get; set; }

    /// <summary>
    /// Optimistic concurrency for ticket actions: the ticket's last event time as the sender saw it. When the
    /// ticket has changed since, the event is refused with <c>ticket.changed</c> and nothing is stored.
    /// </summary>
    public DateTimeOffset? IfUnchangedSince { get; set; }
}

/// <summary>The body of <c>POST /api/v1/events</c>.</summary>
public sealed class IngestBatch
{
    public List<IngestEvent>? Events { get; set; }
}

/// <summary>The answer to an accepted batch.</summary>
/// <param name="Accepted">Events stored by this call.</param>
/// <param name="Duplicates">Events whose id was already stored (acknowledged, ignored).</param>
public sealed record IngestResult(int Accepted, int Duplicates);

/// <summary>Why one event of a refused batch is wrong.</summary>
/// <param name="Index">0-based position in the batch (for CSV backfill: the line number).</param>
public sealed record IngestError(int Index, string? EventId, string Code, string Message);

[JsonSerializable(typeof(IngestBatch))]
[JsonSerializable(typeof(IngestEvent))]
[JsonSerializable(typeof(IngestResult))]
[JsonSerializable(typeof(IngestError))]
// Strict on the way in: numbers must be JSON numbers, timestamps must carry an offset, and a field
// given twice is an error rather than "the last one wins".
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict, AllowDuplicateProperties = false, Converters = [typeof(IsoTimestampConverter)])]
public sealed partial class IngestJsonContext : JsonSerializerContext;
