namespace Ioc.Domain.Catalog;

/// <summary>How far a procedure can be done online (mức độ dịch vụ công trực tuyến).</summary>
public enum OnlineLevel
{
    /// <summary>No online service.</summary>
    None,
    /// <summary>Một phần: partly online.</summary>
    Partial,
    /// <summary>Toàn trình: fully online, result included.</summary>
    Full,
}

/// <summary>An administrative procedure (thủ tục hành chính) from the catalogue.</summary>
/// <param name="HandledBy">"commune" for procedures every commune handles, otherwise the code of the handling unit.</param>
/// <param name="Limit">The statutory time limit as the law states it.</param>
public sealed record Procedure(int Id, string Code, string Name, string Field, string HandledBy, TimeLimit Limit, OnlineLevel OnlineLevel, bool FeeBearing)
{
    public const string HandledByCommune = "commune";
}
