namespace Ioc.Domain.Units;

public enum UnitKind
{
    Province,
    Department,
    Agency,
    District,
    Commune,
    Ward,
    SpecialZone,
}

/// <summary>An administrative unit (đơn vị): the province, a department or agency, a district (older data) or a commune/ward.</summary>
public sealed record Unit(int Id, string Code, string Name, string ShortName, UnitKind Kind, int? ParentId, double? Latitude = null, double? Longitude = null)
{
    /// <summary>Communes, wards and special zones (xã, phường, đặc khu): the local level where tickets are located.</summary>
    public bool IsLocal => Kind is UnitKind.Commune or UnitKind.Ward or UnitKind.SpecialZone;
}
