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
    /// <summary>Đồng bộ lên Cổng Dịch vụ công quốc gia: the national scoreboard sees only synchronised dossiers.</summary>
    SyncedToNationalPortal = 8,
    /// <summary>Nộp trực tuyến, xác thực bằng tài khoản định danh điện tử VNeID (Đề án 06).</summary>
    VneidAuthenticated = 16,
    /// <summary>Khai thác dữ liệu từ Cơ sở dữ liệu quốc gia về dân cư (Đề án 06).</summary>
    PopulationData = 32,
    /// <summary>Tái sử dụng dữ liệu đã số hóa: the citizen did not have to hand in again what was digitized before.</summary>
    DigitizedDataReused = 64,
    /// <summary>Bản sao chứng thực điện tử / kết quả điện tử có giá trị pháp lý được cấp.</summary>
    ElectronicCopy = 128,
    /// <summary>Kết quả được đưa vào Kho quản lý dữ liệu điện tử của tổ chức, cá nhân.</summary>
    LinkedToDataStore = 256,
    /// <summary>The citizen rated the handling of the dossier as satisfactory (latest rating wins).</summary>
    RatedSatisfied = 512,
    /// <summary>The citizen rated the handling of the dossier as unsatisfactory (latest rating wins).</summary>
    RatedDissatisfied = 1024,
}

/// <summary>The citizen's rating of a dossier (đánh giá mức độ hài lòng), as the one-stop system sends it.</summary>
public enum DossierRating
{
    Satisfied,
    Dissatisfied,
}

/// <summary>One supplementation request: the clock stops from pause to resume, and the due date moves by the time in between (see <see cref="DueDateRule"/>).</summary>
/// <param name="DueAfterResume">The due date from the resume on; null while paused, and always for a procedure without a limit.</param>
public sealed record DossierPause(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt, DossierDue? DueAfterResume);

/// <summary>
/// Current state of one dossier. The procedure's online level, fee and time limit are copied in at
/// receipt, so that later catalogue edits do not rewrite history.
/// </summary>
public sealed record DossierState(
    string Code,
    int UnitId,
    int ProcedureId,
    DossierChannel Channel,
    OnlineLevel OnlineLevel,
    bool FeeBearing,
    TimeLimit Limit,
    DateTimeOffset ReceivedAt,
    DossierDue? InitialDue,
    DossierDue? Due,
    DossierStatus Status,
    IReadOnlyList<DossierPause> Pauses,
    DateTimeOffset? FinishedAt,
    DossierFlags Flags,
    DateTimeOffset LastEventAt)
{
    public bool IsOpen => Status is DossierStatus.Received or DossierStatus.InProcessing or DossierStatus.AwaitingSupplement;

    public bool IsPaused => Status == DossierStatus.AwaitingSupplement;

    /// <summary>Quá hạn: open, not waiting for the citizen, and past its due date. Never for a procedure without a limit.</summary>
    public bool IsOverdueAt(DateTimeOffset now) => IsOpen && !IsPaused && Due is DossierDue due && !due.IsMetBy(now);

    /// <summary>
    /// The instant the on-time verdict is judged at: the finish, or for a dossier returned while
    /// waiting for the citizen, the moment the clock stopped.
    /// </summary>
    public DateTimeOffset? VerdictAt => Status switch
    {
        DossierStatus.Completed or DossierStatus.Returned => Pauses.Count > 0 && Pauses[^1].ResumedAt is null
            ? Pauses[^1].PausedAt
            : FinishedAt!.Value,
        _ => null,
    };

    /// <summary>
    /// Đúng hạn (766 indicator 2.1): finished by the due date, with at most one supplementation
    /// request. Null while not finished, when withdrawn, and for a procedure without a limit,
    /// which is out of the on-time rate.
    /// </summary>
    public bool? FinishedOnTime => VerdictAt is DateTimeOffset at && Due is DossierDue due ? Pauses.Count <= 1 && due.IsMetBy(at) : null;

    public bool Has(DossierFlags flag) => (Flags & flag) == flag;

    /// <summary>
    /// Hạn trả hiện tại as the page, the list and the export show it. For a dossier finished while
    /// waiting for the citizen, the wait up to the finish does not count, so the due date moves by it
    /// (as a resume at the finish would have moved it): otherwise "Kết thúc 14/01" would stand beside
    /// an unshifted "hạn 30/12" for a dossier judged on time. The verdict itself is unchanged: it is
    /// judged at the moment the clock stopped (<see cref="VerdictAt"/>) against <see cref="Due"/>.
    /// </summary>
    public DossierDue? CurrentDue(WorkingCalendar calendar) =>
        Status is DossierStatus.Completed or DossierStatus.Returned && FinishedAt is DateTimeOffset finished && Pauses.Count > 0 && Pauses[^1].ResumedAt is null
            ? new DueDateRule(calendar).Due(Limit, ReceivedAt, Pauses.Select(p => (p.PausedAt, p.ResumedAt ?? finished)))
            : Due;
}
