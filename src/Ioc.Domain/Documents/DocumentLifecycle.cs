namespace Ioc.Domain.Documents;

/// <summary>
/// The document state machine. An incoming document is received, assigned (possibly again), then
/// processed; an outgoing one is issued and is finished at once. A due date may be given once, at
/// receipt or at an assignment: the system of record sets hạn xử lý when the document is assigned,
/// and a later change would rewrite which past days it counted as overdue.
/// </summary>
public static class DocumentLifecycle
{
    public static Transition<DocumentState> Apply(DocumentState? current, DocumentEvent e)
    {
        if (current is null)
        {
            return e.Kind switch
            {
                DocumentEventKind.Received or DocumentEventKind.Issued => Register(e),
                _ => Fail("document.unknown", $"Document {e.DocumentCode} has not been received; '{Name(e.Kind)}' needs a received document first."),
            };
        }
        if (e.Kind is DocumentEventKind.Received or DocumentEventKind.Issued)
        {
            return Fail("document.already-registered", $"Document {e.DocumentCode} was already {Name(current.Status)} at {current.RegisteredAt:O}.");
        }
        if (e.OccurredAt < current.LastEventAt)
        {
            return Fail("event.out-of-order", $"Event at {e.OccurredAt:O} is earlier than the document's last event at {current.LastEventAt:O}.");
        }
        if (!current.IsOpen)
        {
            return Fail("document.finished", $"Document {e.DocumentCode} is already {Name(current.Status)}; it cannot be {Name(e.Kind)}.");
        }
        var next = current with { LastEventAt = e.OccurredAt };
        switch (e.Kind)
        {
            case DocumentEventKind.Assigned:
                if (e.DueAt is DateTimeOffset due)
                {
                    if (current.DueAt is not null)
                    {
                        return Fail("document.due-already-set", $"Document {e.DocumentCode} already has the due date {current.DueAt:O}; it is set once.");
                    }
                    if (due < current.RegisteredAt)
                    {
                        return Fail("document.due-before-received", $"The due date {due:O} is before the document was received ({current.RegisteredAt:O}).");
                    }
                    next = next with { DueAt = due, DueSetAt = e.OccurredAt };
                }
                return Ok(next with { Status = DocumentStatus.Assigned, AssignedAt = current.AssignedAt ?? e.OccurredAt, Assignee = e.Assignee ?? current.Assignee });
            case DocumentEventKind.Processed:
                return Ok(next with { Status = DocumentStatus.Processed, ProcessedAt = e.OccurredAt });
            default:
                return Fail("document.transition", $"A document that is {Name(current.Status)} cannot be {Name(e.Kind)}.");
        }
    }

    private static Transition<DocumentState> Register(DocumentEvent e)
    {
        if (e.UnitId is not int unitId)
        {
            return Fail("unit.unknown", "A registered document needs a known unit.");
        }
        if (e.Electronic is not bool electronic)
        {
            return Fail("field.missing", "A registered document needs 'electronic' (true for văn bản điện tử, false for paper).");
        }
        var incoming = e.Kind == DocumentEventKind.Received;
        if (e.DueAt is DateTimeOffset due && (!incoming || due < e.OccurredAt))
        {
            return Fail("document.due-before-received", incoming
                ? $"The due date {due:O} is before the document was received ({e.OccurredAt:O})."
                : "An issued document has no due date.");
        }
        return Ok(new DocumentState(
            e.DocumentCode, unitId, incoming ? DocumentDirection.Incoming : DocumentDirection.Outgoing,
            electronic, e.InterConnected ?? false, e.DigitallySigned ?? false, e.Subject,
            e.OccurredAt, null, null, incoming ? e.DueAt : null, incoming && e.DueAt is not null ? e.OccurredAt : null,
            incoming ? DocumentStatus.Received : DocumentStatus.Issued, null, e.OccurredAt));
    }

    private static string Name(DocumentEventKind kind) => kind switch
    {
        DocumentEventKind.Received => "received",
        DocumentEventKind.Assigned => "assigned",
        DocumentEventKind.Processed => "processed",
        _ => "issued",
    };

    private static string Name(DocumentStatus status) => status switch
    {
        DocumentStatus.Received => "received",
        DocumentStatus.Assigned => "assigned",
        DocumentStatus.Processed => "processed",
        _ => "issued",
    };

    private static Transition<DocumentState> Ok(DocumentState s) => Transition<DocumentState>.Ok(s);

    private static Transition<DocumentState> Fail(string code, string message) => Transition<DocumentState>.Fail(code, message);
}
