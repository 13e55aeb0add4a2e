using Ioc.Domain.Units;

namespace Ioc.Domain.Catalog;

/// <summary>Everything ingest needs to resolve the codes that events carry.</summary>
public sealed class ReferenceCatalog
{
    private readonly Dictionary<string, Procedure> _proceduresByCode;
    private readonly Dictionary<int, Procedure> _proceduresById;
    private readonly Dictionary<string, HotlineCategory> _categoriesByCode;
    private readonly Dictionary<int, HotlineCategory> _categoriesById;

    public ReferenceCatalog(UnitTree units, IEnumerable<Procedure> procedures, IEnumerable<HotlineCategory> categories)
    {
        Units = units;
        Procedures = [.. procedures];
        Categories = [.. categories];
        _proceduresByCode = Procedures.ToDictionary(p => p.Code, StringComparer.Ordinal);
        _proceduresById = Procedures.ToDictionary(p => p.Id);
        _categoriesByCode = Categories.ToDictionary(c => c.Code, StringComparer.Ordinal);
        _categoriesById = Categories.ToDictionary(c => c.Id);
    }

    public UnitTree Units { get; }

    public IReadOnlyList<Procedure> Procedures { get; }

    public IReadOnlyList<HotlineCategory> Categories { get; }

    public Procedure? FindProcedure(string code) => _proceduresByCode.GetValueOrDefault(code);

    public Procedure Procedure(int id) => _proceduresById[id];

    public Procedure? FindProcedure(int id) => _proceduresById.GetValueOrDefault(id);

    public HotlineCategory? FindCategory(string code) => _categoriesByCode.GetValueOrDefault(code);

    public HotlineCategory Category(int id) => _categoriesById[id];

    public HotlineCategory? FindCategory(int id) => _categoriesById.GetValueOrDefault(id);
}
