using Ioc.Domain.Units;

namespace Ioc.Domain.Catalog;

/// <summary>
/// A province's decision to let a procedure be received elsewhere than the law's handling unit
/// (ủy quyền / phân cấp): <see cref="Unit"/> is a unit code (that unit and its subtree) or
/// <c>commune</c> (every commune, ward and special zone).
/// </summary>
public sealed record ProcedureDelegation(string Procedure, string Unit);

/// <summary>
/// Where a dossier of a procedure may be received: a commune-level procedure at communes, wards and
/// special zones; any other at its handling unit or a unit under it (a department's branch
/// office); besides, wherever the province delegated it.
/// </summary>
public sealed class ProcedurePlacement(UnitTree units, IEnumerable<ProcedureDelegation> delegations)
{
    private readonly ILookup<string, string> _delegations = delegations.ToLookup(d => d.Procedure, d => d.Unit, StringComparer.Ordinal);

    public bool Accepts(Procedure procedure, Unit unit) =>
        Handles(procedure.HandledBy, unit) || _delegations[procedure.Code].Any(target => Handles(target, unit));

    private bool Handles(string handledBy, Unit unit) =>
        handledBy == Procedure.HandledByCommune
            ? unit.IsLocal
            : units.FindByCode(handledBy) is { } handler && units.IsWithin(unit.Id, handler.Id);
}
