using System.Data.Common;
using System.Globalization;
using Ioc.Data;
using Ioc.Domain.Catalog;
using Ioc.Domain.Tickets;
using Ioc.Domain.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Hotline;

/// <summary>Why a unit is suggested.</summary>
public enum UnitBasis
{
    /// <summary>Most tickets of the category went to the commune where the matter happened.</summary>
    LearnedCommune,
    /// <summary>Most tickets of the category went to this unit.</summary>
    LearnedUnit,
    /// <summary>No history yet: the category's responsible unit from the catalogue.</summary>
    CategoryRule,
}

/// <param name="CategoryId">Null when the text looks like something operators reject (spam, wrong number).</param>
/// <param name="LooksRejected">The closest earlier tickets were rejected.</param>
/// <param name="Evidence">The words that decided it.</param>
/// <param name="UnitShare">For learned units: the share of the category's routed tickets that went there.</param>
/// <param name="TrainedOn">Triaged tickets the model has learned from.</param>
public sealed record TicketSuggestion(
    int? CategoryId,
    bool LooksRejected,
    double Probability,
    int? AlternativeCategoryId,
    double AlternativeProbability,
    IReadOnlyList<Evidence> Evidence,
    int? UnitId,
    UnitBasis UnitBasis,
    double UnitShare,
    int UnitSample,
    int TrainedOn);

/// <summary>
/// The triage suggestion: a category learned from the texts of earlier triaged tickets, and the
/// responsible unit learned from where tickets of that category were routed. Rebuilt from the
/// ticket table on start and periodically; newly triaged tickets are added in between. A rebuild
/// reads the tickets of the last <see cref="HotlineOptions.SuggestionTrainingDays"/> only, so that the
/// model (its words, routing counts and the codes it has learned) stays the size of that window
/// instead of growing with every year of history. Reads either provider on the connection
/// <see cref="TicketQueries"/> opens, spelled by its dialect (SQLite's statements are the text they were).
/// </summary>
public sealed class TicketSuggester(TicketQueries queries, ReferenceCatalog catalog, IOptions<HotlineOptions> options, ProvinceClock clock, ILogger<TicketSuggester> logger)
{
    /// <summary>The model's label for "operators rejected tickets like this".</summary>
    public const int RejectedLabel = -1;

    private const int MaxLearnedPerPass = 20_000;

    private static readonly string[] LearnedTypes = ["ticket.triaged", "ticket.routed", "ticket.rejected"];

    private readonly SemaphoreSlim _training = new(1, 1);
    private readonly SqlDialect _d = queries.Dialect;
    private Model _model = new(new TicketClassifier(), new RoutingStats(), [], 0, null);

    public int TrainedOn => _model.Classifier.Documents;

    public DateTimeOffset? TrainedAt => _model.TrainedAt;

    /// <summary>The classifier of the current model, also used to weigh words in duplicate detection.</summary>
    public TicketClassifier Classifier => _model.Classifier;

    /// <summary>What operators decided about a ticket, as a training example; null while nobody has.</summary>
    public static int? LabelOf(TicketState s) => s.Status switch
    {
        TicketStatus.Rejected => RejectedLabel,
        TicketStatus.New or TicketStatus.Duplicate => null,
        _ => s.CategoryId,
    };

    public TicketSuggestion? Suggest(TicketState ticket) => Suggest(ticket.Text, ticket.CommuneId);

    /// <summary>For a text and the commune where it happened (a call being typed in, say).</summary>
    public TicketSuggestion? Suggest(string text, int? communeId)
    {
        var model = _model;
        if (model.Classifier.Documents < options.Value.SuggestionMinimumTickets || model.Classifier.Predict(text) is not LabelPrediction p)
        {
            return null;
        }
        var rejected = p.Label == RejectedLabel;
        var category = rejected ? p.RunnerUp is int r && r != RejectedLabel ? r : (int?)null : p.Label;
        var alternative = rejected ? null : p.RunnerUp is int ru && ru != RejectedLabel ? ru : (int?)null;
        var (unit, basis, share, sample) = category is int c ? model.Routing.Suggest(c, communeId, catalog) : (null, UnitBasis.CategoryRule, 0, 0);
        return new TicketSuggestion(category, rejected, p.Probability, alternative, alternative is null ? 0 : p.RunnerUpProbability,
            p.Evidence, unit, basis, share, sample, model.Classifier.Documents);
    }

    /// <summary>The most likely category of a text alone (for tickets not triaged yet, e.g. duplicate candidates).</summary>
    public int? CategoryOf(string text) =>
        _model.Classifier.Documents >= options.Value.SuggestionMinimumTickets && _model.Classifier.Predict(text) is { Label: var l } && l != RejectedLabel ? l : null;

    /// <summary>Rebuilds the model from every ticket operators have decided about.</summary>
    public async Task RetrainAsync(CancellationToken ct = default)
    {
        await _training.WaitAsync(ct);
        try
        {
            var started = DateTimeOffset.UtcNow;
            var classifier = new TicketClassifier();
            var routing = new RoutingStats();
            var learned = new HashSet<string>(StringComparer.Ordinal);
            await using var c = await queries.OpenAsync(ct);
            // The watermark first: whatever is triaged while we read is learned by the next incremental pass.
            var watermark = await MaxSequenceAsync(c, ct);
            await using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = $"SELECT {N("Code")}, {N("Text")}, {N("Status")}, {N("CategoryId")}, {N("CommuneId")}, {N("UnitId")} FROM {N("Tickets")} " +
                                  $"WHERE {N("CreatedAt")} >= @from AND ({N("Status")} = {(int)TicketStatus.Rejected} OR ({N("CategoryId")} IS NOT NULL AND {N("Status")} NOT IN ({(int)TicketStatus.New}, {(int)TicketStatus.Duplicate})))";
                cmd.AddParameter("@from", (clock.UtcNow - TimeSpan.FromDays(options.Value.SuggestionTrainingDays)).ToUnixTimeMilliseconds());
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    var status = (TicketStatus)r.GetInt32(2);
                    var label = status == TicketStatus.Rejected ? RejectedLabel : r.GetInt32(3);
                    classifier.Learn(r.GetString(1), label);
                    learned.Add(r.GetString(0));
                    if (label != RejectedLabel && !r.IsDBNull(5))
                    {
                        routing.Add(label, r.IsDBNull(4) ? null : r.GetInt32(4), r.GetInt32(5));
                    }
                }
            }
            _model = new Model(classifier, routing, learned, watermark, DateTimeOffset.UtcNow);
            logger.LogInformation("Triage suggestions trained on {Count} tickets ({Vocabulary} features) in {Elapsed} ms",
                classifier.Documents, classifier.Vocabulary, (int)(DateTimeOffset.UtcNow - started).TotalMilliseconds);
        }
        finally
        {
            _training.Release();
        }
    }

    /// <summary>Adds tickets triaged, routed or rejected since the last pass. Returns how many were learned.</summary>
    public async Task<int> LearnNewAsync(CancellationToken ct = default)
    {
        await _training.WaitAsync(ct);
        try
        {
            var model = _model;
            var codes = new HashSet<string>(StringComparer.Ordinal);
            long watermark;
            await using (var c = await queries.OpenAsync(ct))
            {
                // Up to the newest event now, so that a quiet hotline does not make every pass re-read the dossier events since the last triage.
                var newest = await MaxSequenceAsync(c, ct);
                watermark = newest;
                await using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT {N("Seq")}, {N("EntityCode")} FROM {N("Events")} WHERE {N("Seq")} > @w AND {N("Seq")} <= @newest " +
                                  $"AND {N("Type")} IN ({string.Join(",", LearnedTypes.Select(t => $"'{t}'"))}) ORDER BY {N("Seq")} LIMIT {MaxLearnedPerPass}";
                cmd.AddParameter("@w", model.Watermark);
                cmd.AddParameter("@newest", newest);
                var rows = 0;
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    rows++;
                    codes.Add(r.GetString(1));
                    if (rows == MaxLearnedPerPass)
                    {
                        // More than one pass's worth: continue from here next time.
                        watermark = r.GetInt64(0);
                    }
                }
            }
            codes.ExceptWith(model.Learned);
            var learned = 0;
            if (codes.Count > 0)
            {
                // Through the queries' own load, which spells it for either provider (SQLite's is the writer's statement).
                foreach (var s in (await queries.LoadManyAsync(codes, ct)).Values)
                {
                    if (LabelOf(s) is int label)
                    {
                        model.Classifier.Learn(s.Text, label);
                        if (label != RejectedLabel && s.UnitId is int unit)
                        {
                            model.Routing.Add(label, s.CommuneId, unit);
                        }
                        model.Learned.Add(s.Code);
                        learned++;
                    }
                }
            }
            model.Watermark = watermark;
            return learned;
        }
        finally
        {
            _training.Release();
        }
    }

    private string N(string column) => _d.Name(column);

    private async Task<long> MaxSequenceAsync(DbConnection c, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {_d.IfNull($"MAX({N("Seq")})", "0")} FROM {N("Events")}";
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private sealed class Model(TicketClassifier classifier, RoutingStats routing, HashSet<string> learned, long watermark, DateTimeOffset? trainedAt)
    {
        public TicketClassifier Classifier { get; } = classifier;

        public RoutingStats Routing { get; } = routing;

        /// <summary>Tickets already in the model, so that a later event of the same ticket does not count it twice.</summary>
        public HashSet<string> Learned { get; } = learned;

        public long Watermark { get; set; } = watermark;

        public DateTimeOffset? TrainedAt { get; } = trainedAt;
    }
}

/// <summary>Where tickets of each category were routed: to the commune where it happened, or to which unit.</summary>
public sealed class RoutingStats
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, CategoryRouting> _byCategory = [];

    public void Add(int categoryId, int? communeId, int unitId)
    {
        lock (_gate)
        {
            if (!_byCategory.TryGetValue(categoryId, out var r))
            {
                _byCategory[categoryId] = r = new CategoryRouting();
            }
            r.Total++;
            if (communeId == unitId)
            {
                r.ToOwnCommune++;
            }
            else
            {
                r.ToUnit[unitId] = r.ToUnit.GetValueOrDefault(unitId) + 1;
            }
        }
    }

    public (int? UnitId, UnitBasis Basis, double Share, int Sample) Suggest(int categoryId, int? communeId, ReferenceCatalog catalog)
    {
        lock (_gate)
        {
            if (_byCategory.TryGetValue(categoryId, out var r) && r.Total > 0)
            {
                var (topUnit, topCount) = r.ToUnit.Count > 0 ? r.ToUnit.MaxBy(kv => kv.Value) : default;
                if (r.ToOwnCommune >= topCount && communeId is int commune)
                {
                    return (commune, UnitBasis.LearnedCommune, (double)r.ToOwnCommune / r.Total, r.Total);
                }
                if (topCount > 0)
                {
                    return (topUnit, UnitBasis.LearnedUnit, (double)topCount / r.Total, r.Total);
                }
            }
        }
        var category = catalog.FindCategory(categoryId);
        int? byRule = category is null ? null
            : category.Responsible == HotlineCategory.ResponsibleCommune ? communeId
            : catalog.Units.FindByCode(category.Responsible)?.Id;
        return (byRule, UnitBasis.CategoryRule, 0, 0);
    }

    private sealed class CategoryRouting
    {
        public int Total;
        public int ToOwnCommune;
        public Dictionary<int, int> ToUnit { get; } = [];
    }
}
