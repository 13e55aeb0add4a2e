using Ioc.Domain.Documents;

namespace Ioc.Data.Entities;

/// <summary>Current state of a document (văn bản đến/đi), a projection of its events. Times are unix milliseconds.</summary>
public sealed class DocumentRow
{
    public required string Code { get; set; }
    public int UnitId { get; set; }
    public DocumentDirection Direction { get; set; }
    public bool Electronic { get; set; }
    public bool InterConnected { get; set; }
    public bool DigitallySigned { get; set; }
    public string? Subject { get; set; }
    /// <summary>Received (incoming) or issued (outgoing).</summary>
    public long RegisteredAt { get; set; }
    public long? AssignedAt { get; set; }
    public string? Assignee { get; set; }
    public long? DueAt { get; set; }
    /// <summary>When the due date became known (receipt or assignment): no document is overdue before it.</summary>
    public long? DueSetAt { get; set; }
    public DocumentStatus Status { get; set; }
    /// <summary>Incoming and not yet processed; leads the overdue-first index.</summary>
    public bool IsOpen { get; set; }
    public long? ProcessedAt { get; set; }
    public long LastEventAt { get; set; }
}

/// <summary>Document sums for one unit's subtree and one day or month. Columns are named after <c>DocumentMeasure</c>.</summary>
public sealed class DocumentRollupRow
{
    public int UnitId { get; set; }
    public RollupGrain Grain { get; set; }
    public int Period { get; set; }
    public long Received { get; set; }
    public long Issued { get; set; }
    public long Electronic { get; set; }
    public long InterConnected { get; set; }
    public long IssuedSigned { get; set; }
    public long Processed { get; set; }
    public long ProcessedWithDue { get; set; }
    public long ProcessedOnTime { get; set; }
    public long HandlingMinutes { get; set; }
    public long OpenDelta { get; set; }
    public long PastDueDelta { get; set; }
}
