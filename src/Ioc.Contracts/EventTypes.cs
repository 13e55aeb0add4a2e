namespace Ioc.Contracts;

/// <summary>The event type names the ingest API accepts.</summary>
public static class EventTypes
{
    public const string DossierReceived = "dossier.received";
    public const string DossierProcessing = "dossier.processing";
    public const string DossierPaused = "dossier.paused";
    public const string DossierResumed = "dossier.resumed";
    public const string DossierCompleted = "dossier.completed";
    public const string DossierReturned = "dossier.returned";
    public const string DossierWithdrawn = "dossier.withdrawn";

    public const string TicketCreated = "ticket.created";
    public const string TicketTriaged = "ticket.triaged";
    public const string TicketRouted = "ticket.routed";
    public const string TicketAccepted = "ticket.accepted";
    public const string TicketAwaitingInfo = "ticket.awaiting-info";
    public const string TicketInfoReceived = "ticket.info-received";
    public const string TicketAnswered = "ticket.answered";
    public const string TicketPublished = "ticket.published";
    public const string TicketClosed = "ticket.closed";
    public const string TicketRejected = "ticket.rejected";
    public const string TicketReturned = "ticket.returned";
    public const string TicketDuplicate = "ticket.duplicate";
    public const string TicketRated = "ticket.rated";
    public const string TicketUrgencySet = "ticket.urgency-set";
    public const string TicketDueSet = "ticket.due-set";

    public const string DocumentReceived = "document.received";
    public const string DocumentAssigned = "document.assigned";
    public const string DocumentProcessed = "document.processed";
    public const string DocumentIssued = "document.issued";

    public static bool IsDossier(string? type) => type?.StartsWith("dossier.", StringComparison.Ordinal) == true;

    public static bool IsTicket(string? type) => type?.StartsWith("ticket.", StringComparison.Ordinal) == true;

    public static bool IsDocument(string? type) => type?.StartsWith("document.", StringComparison.Ordinal) == true;
}
