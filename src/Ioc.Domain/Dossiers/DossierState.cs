using Ioc.Domain.Catalog;
using Ioc.Domain.Time;

namespace Ioc.Domain.Dossiers;

/// <summary>How a dossier reached the one-stop desk (hình thức nộp).</summary>
public enum DossierChannel
{
    Online,
    InPerson,
    Postal,
}

public enum DossierStatus
{
    /// <summary>Đã tiếp nhận.</summary>
    Received,
    /// <summary>Đang xử lý.</summary>
    InProcessing,
    /// <summary>Chờ bổ sung: waiting for the citizen; the clock stops.</summary>
    AwaitingSupplement,
    /// <summary>Đã trả kết quả.</summary>
    Completed,
    /// <summary>Từ chối / trả lại hồ sơ.</summary>
    Returned,
    /// <summary>Công dân rút hồ sơ.</summary>
    Withdrawn,
}

[Flags]
public enum DossierFlags
{
    None = 0,
    /// <summary>Thanh toán trực tuyến.</summary>
    PaidOnline = 1,
    /// <summary>Hồ sơ đã số hóa.</summary>
    Digitized = 2,
    /// <summary>Kết quả điện tử.</summary>
    ElectronicResult = 4,
}

/// <summary>One supplementation request: the clock stops from pause to resume, and the due date moves by the working days in between.</summary>
public sealed record DossierPause(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt, DateOnly? DueDateAfterResume);

/// <summary>
/// Current state of one dossier. The procedure's online level and fee are copied in at receipt,
/// so that later catalogue edits do not rewrite history.
/// </summary>
public sealed record DossierState(
    string Code,
    int UnitId,
    int ProcedureId,
    DossierChannel Channel,
    OnlineLevel OnlineLevel,
    bool FeeBearing,
    DateTimeOffset ReceivedAt,
    DateOnly InitialDueDate,
    DateOnly DueDate,
    DossierStatus Status,
    IReadOnlyList<DossierPause> Pauses,
    DateTimeOffset? FinishedAt,
    DossierFlags Flags,
    DateTimeOffset LastEventAt)
{
    public bool IsOpen => Status is DossierStatus.Received or DossierStatus.InProcessing or DossierStatus.AwaitingSupplement;

    public bool IsPaused => Status == DossierStatus.AwaitingSupplement;

    /// <summary>Quá hạn: open, not waiting for the citizen, and past its due date.</summary>
    public bool IsOverdueOn(DateOnly day) => IsOpen && !IsPaused && day > DueDate;

    /// <summary>
    /// The day the on-time verdict is judged on: the finish day, or for a dossier returned while
    /// waiting for the citizen, the day the clock stopped.
    /// </summary>
    public DateOnly? VerdictDay => Status switch
    {
        DossierStatus.Completed or DossierStatus.Returned => Pauses.Count > 0 && Pauses[^1].ResumedAt is null
            ? ProvinceTime.LocalDate(Pauses[^1].PausedAt)
            : ProvinceTime.LocalDate(FinishedAt!.Value),
        _ => null,
    };

    /// <summary>
    /// Đúng hạn (766 indicator 2.1): finished on or before the due date, with at most one
    /// supplementation request. Null while not finished, or when withdrawn.
    /// </summary>
    public bool? FinishedOnTime => VerdictDay is DateOnly d ? Pauses.Count <= 1 && d <= DueDate : null;

    public bool Has(DossierFlags flag) => (Flags & flag) == flag;
}
