using Ioc.Domain.Catalog;
using Ioc.Domain.Units;

namespace Ioc.Data.Entities;

public sealed class UnitEntity
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public UnitKind Kind { get; set; }
    public int? ParentId { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>First day it no longer exists; its events and history stay.</summary>
    public DateOnly? RetiredFrom { get; set; }
    /// <summary>Code of the unit it was merged into (then also its parent, so its history counts there).</summary>
    public string? MergedInto { get; set; }
}

public sealed class ProcedureEntity
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string Field { get; set; }
    public required string HandledBy { get; set; }
    public TimeLimitKind LimitKind { get; set; }
    /// <summary>Days or hours; null for "within the day" and "none".</summary>
    public int? LimitAmount { get; set; }
    public OnlineLevel OnlineLevel { get; set; }
    public bool FeeBearing { get; set; }
}

public sealed class HotlineCategoryEntity
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int? SlaWorkingDays { get; set; }
    public int? SlaHours { get; set; }
    /// <summary>Clock hours for an urgent (khẩn) ticket of the category; null: urgency does not change the deadline.</summary>
    public int? SlaUrgentHours { get; set; }
    public required string Responsible { get; set; }
}
