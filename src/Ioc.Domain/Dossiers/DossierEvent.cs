namespace Ioc.Domain.Dossiers;

public enum DossierEventKind
{
    Received,
    Processing,
    Paused,
    Resumed,
    Completed,
    Returned,
    Withdrawn,
}

/// <summary>A validated, code-resolved dossier event.</summary>
public sealed record DossierEvent(
    DossierEventKind Kind,
    string DossierCode,
    DateTimeOffset OccurredAt,
    int? UnitId = null,
    int? ProcedureId = null,
    DossierChannel? Channel = null,
    bool? PaidOnline = null,
    bool? Digitized = null,
    bool? ElectronicResult = null,
    DossierFlags OtherFlags = DossierFlags.None,
    DossierRating? Rating = null);
