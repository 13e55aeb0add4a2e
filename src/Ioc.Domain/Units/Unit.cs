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
    /// <summary>The root of a national deployment, with the 34 provinces below it (last, so stored kinds keep their numbers).</summary>
    Country,
}

/// <summary>An administrative unit (đơn vị): the country (national deployment), a province, a department or agency, a district (older data) or a commune/ward.</summary>
/// <param name="RetiredFrom">The first day it no longer exists (retired, or merged into its parent); its history stays.</param>
public sealed record Unit(int Id, string Code, string Name, string ShortName, UnitKind Kind, int? ParentId, double? Latitude = null, double? Longitude = null,
    DateOnly? RetiredFrom = null)
{
    /// <summary>
    /// Whether it exists on <paramref name="day"/>: takes events of that day; ranked (and on the wall)
    /// in windows that start on or before it.
    /// </summary>
    public bool IsActiveOn(DateOnly day) => RetiredFrom is not DateOnly retired || day < retired;

    /// <summary>Communes, wards and special zones (xã, phường, đặc khu): the local level where tickets are located.</summary>
    public bool IsLocal => Kind is UnitKind.Commune or UnitKind.Ward or UnitKind.SpecialZone;
}
