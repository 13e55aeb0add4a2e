using Ioc.Aggregation.Storage;
using Ioc.Domain.Documents;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Tickets;

namespace Ioc.Aggregation.Rebuild;

/// <summary>
/// What <see cref="RollupRebuilder"/> reads and writes, in one transaction of the writer's store that holds off
/// other writers (in this process and, on PostgreSQL, in others) until it ends. It starts with empty scratch
/// copies of the rollup tables; the recomputed rollups go there, are compared with the live ones and, if asked,
/// replace them. Disposing without <see cref="Commit"/> rolls everything back: the live rollups stay as they were.
/// Replay itself (parsing, lifecycles, projection) is the rebuilder's, the same on every provider.
/// </summary>
public interface IRebuildTransaction : IDisposable
{
    /// <summary>
    /// The stored events whose type is in <paramref name="family"/> ("dossier", "ticket", "document"), by entity
    /// code then acceptance when <paramref name="byEntity"/>, else by acceptance alone. Streamed: other calls of
    /// this transaction may run between two rows.
    /// </summary>
    IEnumerable<(string EntityCode, string Payload)> Events(string family, bool byEntity);

    Dictionary<string, DossierState> LoadDossiers(IReadOnlyCollection<string> codes);

    Dictionary<string, TicketState> LoadTickets(IReadOnlyCollection<string> codes);

    Dictionary<string, DocumentState> LoadDocuments(IReadOnlyCollection<string> codes);

    /// <summary>Adds the projector's summed deltas to the scratch tables and empties it.</summary>
    void WriteScratch(RollupProjector projector);

    /// <summary>Rows (with some non-zero measure) present in only one of the live and scratch tables, summed over the tables.</summary>
    long Differences();

    /// <summary>Replaces every live rollup row by the scratch tables' rows (visible to others at the commit).</summary>
    void ReplaceRollups();

    /// <summary>Drops the scratch tables and commits.</summary>
    void Commit();
}
