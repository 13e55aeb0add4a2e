using Ioc.Aggregation.Storage;
using Ioc.Domain.Access;
using Ioc.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Hotline;

/// <summary>A ticket that may report the same matter as the one being triaged.</summary>
/// <param name="Ticket">As lists show it: reporter masked.</param>
/// <param name="Similarity">Weighted share of words the two texts have in common (0–1).</param>
/// <param name="DistanceMetres">Between the two reported places, when both have coordinates.</param>
public sealed record DuplicateCandidate(TicketState Ticket, double Similarity, double? DistanceMetres, bool SameCommune, bool SameCategory);

/// <summary>
/// The rule for "possible duplicate": reported within the look-back window, not rejected or itself
/// merged, the same category (a candidate not yet classified takes the model's guess), the same
/// commune or within the configured distance, and texts that share enough of their rarer words.
/// </summary>
public sealed class DuplicateMatcher(HotlineOptions options, Func<string, double> weightOf)
{
    public DuplicateCandidate? Match(TicketState subject, int? subjectCategory, TicketState other, int? otherCategory)
    {
        if (other.Code == subject.Code || other.Status is TicketStatus.Rejected or TicketStatus.Duplicate)
        {
            return null;
        }
        if ((other.CreatedAt - subject.CreatedAt).Duration() > TimeSpan.FromDays(options.DuplicateLookBackDays))
        {
            return null;
        }
        var sameCategory = subjectCategory is int a && otherCategory is int b && a == b;
        if (subjectCategory is not null && otherCategory is not null && !sameCategory)
        {
            return null;
        }
        var sameCommune = subject.CommuneId is int sc && sc == other.CommuneId;
        var distance = Distance(subject, other);
        if (!sameCommune && !(distance <= options.DuplicateDistanceMetres))
        {
            return null;
        }
        var similarity = Similarity(subject.Text, other.Text);
        return similarity >= options.DuplicateTextSimilarity
            ? new DuplicateCandidate(TicketQueries.Masked(other), similarity, distance, sameCommune, sameCategory)
            : null;
    }

    /// <summary>Weighted Jaccard over distinct words and word pairs: rare words (a street, a market) count more than common ones ("đề nghị").</summary>
    public double Similarity(string a, string b)
    {
        var left = TicketTokens.Of(a).Select(t => t.Feature).ToHashSet(StringComparer.Ordinal);
        var right = TicketTokens.Of(b).Select(t => t.Feature).ToHashSet(StringComparer.Ordinal);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }
        double shared = 0, all = 0;
        foreach (var f in left)
        {
            var w = weightOf(f);
            all += w;
            if (right.Contains(f))
            {
                shared += w;
            }
        }
        foreach (var f in right)
        {
            if (!left.Contains(f))
            {
                all += weightOf(f);
            }
        }
        return all == 0 ? 0 : shared / all;
    }

    /// <summary>Great-circle distance in metres (haversine), when both tickets have coordinates.</summary>
    public static double? Distance(TicketState a, TicketState b)
    {
        if (a.Latitude is not double lat1 || a.Longitude is not double lon1 || b.Latitude is not double lat2 || b.Longitude is not double lon2)
        {
            return null;
        }
        const double earthRadius = 6_371_000;
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * earthRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }
}

/// <summary>Looks up possible duplicates of a ticket in the ticket table.</summary>
public sealed class DuplicateFinder(TicketQueries queries, TicketSuggester suggester, IOptions<HotlineOptions> options)
{
    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(AccessScope scope, TicketState subject, CancellationToken ct = default)
    {
        if (!scope.CanSeeTickets)
        {
            return [];
        }
        var o = options.Value;
        var classifier = suggester.Classifier;
        var documents = Math.Max(1, classifier.Documents);
        var matcher = new DuplicateMatcher(o, f => Math.Log((documents + 1.0) / (classifier.DocumentFrequency(f) + 1.0)) + 1.0);
        var subjectCategory = subject.CategoryId ?? suggester.CategoryOf(subject.Text);
        var window = TimeSpan.FromDays(o.DuplicateLookBackDays);
        await using var c = await queries.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"{StateStore.TicketSelect} WHERE CreatedAt >= @from AND CreatedAt <= @to AND Code <> @code " +
                          $"AND Status NOT IN ({(int)TicketStatus.Rejected}, {(int)TicketStatus.Duplicate}) LIMIT 50000";
        cmd.Parameters.AddWithValue("@from", (subject.CreatedAt - window).ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("@to", (subject.CreatedAt + window).ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("@code", subject.Code);
        var found = new List<DuplicateCandidate>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var other = StateStore.ReadTicket(r);
            if (!scope.CanSeeTicket(queries.Catalog.Units, other))
            {
                continue;
            }
            // Cheap place test first: most tickets of the window happened elsewhere.
            if (other.CommuneId != subject.CommuneId && !(DuplicateMatcher.Distance(subject, other) <= o.DuplicateDistanceMetres))
            {
                continue;
            }
            var otherCategory = other.CategoryId ?? (subjectCategory is null ? null : suggester.CategoryOf(other.Text));
            if (matcher.Match(subject, subjectCategory, other, otherCategory) is DuplicateCandidate candidate)
            {
                found.Add(candidate);
            }
        }
        return [.. found.OrderByDescending(x => x.Similarity).ThenBy(x => x.Ticket.CreatedAt).Take(o.MaxDuplicateCandidates)];
    }
}
