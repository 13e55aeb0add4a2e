namespace Ioc.Domain.Catalog;

/// <summary>Service level of a hotline category: a number of working days, or of clock hours for urgent matters.</summary>
/// <param name="UrgentHours">Clock hours when a ticket of the category is marked urgent (khẩn); null when urgency does not shorten it.</param>
public readonly record struct ServiceLevel(int? WorkingDays, int? Hours, int? UrgentHours = null)
{
    public static ServiceLevel Days(int days) => new(days, null);

    public static ServiceLevel ClockHours(int hours) => new(null, hours);

    public override string ToString() => WorkingDays is int d ? $"{d} ngày làm việc" : $"{Hours} giờ";
}

/// <summary>A category of citizen feedback (lĩnh vực phản ánh kiến nghị).</summary>
/// <param name="Responsible">"commune" when the commune where it happened answers, otherwise a unit code.</param>
public sealed record HotlineCategory(int Id, string Code, string Name, ServiceLevel Sla, string Responsible)
{
    public const string ResponsibleCommune = "commune";
}
