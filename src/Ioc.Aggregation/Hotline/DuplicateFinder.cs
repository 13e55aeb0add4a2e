using Ioc.Aggregation.Storage;
using Ioc.Data;
using Ioc.Domain.Access;
using Ioc.Domain.Tickets;
using Microsoft.Extensions.Options;

namespace Ioc.Aggregation.Hotline;

/// <summary>Why a ticket is listed as a possible duplicate, strongest first as the operator reads them.</summary>
public enum DuplicateReason
{
    /// <summary>The same reporter's phone number.</summary>
    SamePhone,
    /// <summary>The same street, market, school… named in both (see <see cref="DuplicateCandidate.SharedPlace"/>).</summary>
    SamePlace,
    SameCommune,
    /// <summary>Both have coordinates, within the configured distance.</summary>
    Nearby,
    /// <summary>The texts share their telling words (see <see cref="DuplicateCandidate.SharedWords"/>).</summary>
    SimilarWords,
    /// <summary>Reported within two hours of each other.</summary>
    CloseInTime,
}

/// <summary>A ticket that may report the same matter as the one being triaged or typed.</summary>
/// <param name="Ticket">As lists show it: reporter masked.</param>
/// <param name="Similarity">How alike the two texts are (0–1): the better of word overlap and character trigram overlap.</param>
/// <param name="DistanceMetres">Between the two reported places, when both have coordinates.</param>
public sealed record DuplicateCandidate(TicketState Ticket, double Similarity, double? DistanceMetres, bool SameCommune, bool SameCategory)
{
    /// <summary>Text, place, phone and time together (0–1.5); candidates are listed highest first.</summary>
    public double Score { get; init; }

    public IReadOnlyList<DuplicateReason> Reasons { get; init; } = [];

    /// <summary>A place name both texts or addresses mention, as the candidate writes it folded ("le thanh tong").</summary>
    public string? SharedPlace { get; init; }

    /// <summary>The candidate's words that the subject also uses, rarest first (at most five).</summary>
    public IReadOnlyList<string> SharedWords { get; init; } = [];
}

/// <summary>What duplicate detection knows of a ticket: a stored one, or a call still being typed.</summary>
public sealed record DuplicateProbe(string? Code, string Text, DateTimeOffset CreatedAt)
{
    public string? Address { get; init; }
    public int? CommuneId { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public string? Phone { get; init; }
    /// <summary>Only a category an operator or the feeding system set; a model's guess is not a fact to exclude by.</summary>
    public int? CategoryId { get; init; }

    public static DuplicateProbe Of(TicketState t) => new(t.Code, t.Text, t.CreatedAt)
    {
        Address = t.Address,
        CommuneId = t.CommuneId,
        Latitude = t.Latitude,
        Longitude = t.Longitude,
        Phone = t.ReporterPhone,
        CategoryId = t.CategoryId,
    };
}

/// <summary>
/// The rule for "possible duplicate". Reported within the look-back window, not rejected or itself
/// merged, not of two different categories that people set, not in two different places (other
/// communes and not within the distance), and then a score: text
/// similarity, plus the same place, the same phone, and closeness in time. Texts must still be
/// alike: two matters at one market are two tickets.
/// </summary>
public sealed class DuplicateMatcher(HotlineOptions options, Func<string, double> weightOf, CommuneGuesser? communes = null)
{
    private readonly Dictionary<string, Prepared> _prepared = new(StringComparer.Ordinal);

    public DuplicateCandidate? Match(TicketState subject, int? subjectCategory, TicketState other, int? otherCategory)
    {
        if (other.Status is TicketStatus.Rejected or TicketStatus.Duplicate)
        {
            return null;
        }
        return Match(DuplicateProbe.Of(subject) with { CategoryId = subjectCategory }, DuplicateProbe.Of(other) with { CategoryId = otherCategory }, other);
    }

    /// <summary>Scores <paramref name="other"/> against the probe; <paramref name="shown"/> is the ticket to list (masked here).</summary>
    public DuplicateCandidate? Match(DuplicateProbe subject, DuplicateProbe other, TicketState shown)
    {
        if (other.Code is not null && other.Code == subject.Code)
        {
            return null;
        }
        var apart = (other.CreatedAt - subject.CreatedAt).Duration();
        if (apart > TimeSpan.FromDays(options.DuplicateLookBackDays))
        {
            return null;
        }
        var sameCategory = subject.CategoryId is int a && other.CategoryId is int b && a == b;
        if (subject.CategoryId is not null && other.CategoryId is not null && !sameCategory)
        {
            return null;
        }
        var left = Prepare(subject);
        var right = Prepare(other);
        var samePhone = left.Phone is not null && left.Phone == right.Phone;
        var leftCommune = subject.CommuneId ?? left.GuessedCommune;
        var rightCommune = other.CommuneId ?? right.GuessedCommune;
        var sameCommune = leftCommune is int lc && lc == rightCommune;
        var distance = Distance(subject.Latitude, subject.Longitude, other.Latitude, other.Longitude);
        var nearby = distance <= options.DuplicateDistanceMetres;
        var sharedPlace = left.Places.Where(right.Places.Contains).OrderByDescending(p => p.Length).FirstOrDefault();
        // Two different places are two matters, whoever calls: communes that differ, or coordinates too far apart.
        var elsewhere = !sameCommune && !nearby && ((leftCommune is not null && rightCommune is not null) || distance is not null);
        if (elsewhere)
        {
            return null;
        }
        var (similarity, shared) = Similarity(left, right);
        if (similarity < options.DuplicateTextSimilarity)
        {
            return null;
        }
        var closeness = apart <= TimeSpan.FromHours(2) ? 1.0 : Math.Max(0, 1 - apart / TimeSpan.FromDays(options.DuplicateLookBackDays));
        var place = sameCommune || nearby ? 0.15 : 0;
        var score = similarity + place + (sharedPlace is not null ? 0.15 : 0) + (samePhone ? 0.25 : 0) + 0.1 * closeness;
        if (score < options.DuplicateScore)
        {
            return null;
        }
        var reasons = new List<DuplicateReason>(5);
        if (samePhone)
        {
            reasons.Add(DuplicateReason.SamePhone);
        }
        if (sharedPlace is not null)
        {
            reasons.Add(DuplicateReason.SamePlace);
        }
        if (sameCommune)
        {
            reasons.Add(DuplicateReason.SameCommune);
        }
        if (nearby)
        {
            reasons.Add(DuplicateReason.Nearby);
        }
        if (shared.Count > 0)
        {
            reasons.Add(DuplicateReason.SimilarWords);
        }
        if (apart <= TimeSpan.FromHours(2))
        {
            reasons.Add(DuplicateReason.CloseInTime);
        }
        return new DuplicateCandidate(TicketQueries.Masked(shown), similarity, distance, sameCommune, sameCategory)
        {
            Score = score,
            Reasons = reasons,
            SharedPlace = sharedPlace,
            SharedWords = shared,
        };
    }

    /// <summary>How alike two texts are (0–1), ignoring diacritics and the words every ticket uses.</summary>
    public double Similarity(string a, string b) =>
        Similarity(Prepare(new DuplicateProbe(null, a, default)), Prepare(new DuplicateProbe(null, b, default))).Value;

    /// <summary>
    /// The better of two measures: word overlap weighted by rarity (a street, "hố ga" count more
    /// than "nước") over the smaller text, so that a short repeat call ("vẫn mất điện ở Trần Phú")
    /// is not drowned by a long first one; and the Dice overlap of character trigrams, which
    /// survives other word forms and typing slips.
    /// </summary>
    private (double Value, IReadOnlyList<string> Shared) Similarity(Prepared left, Prepared right)
    {
        if (left.Features.Count == 0 || right.Features.Count == 0)
        {
            return (0, []);
        }
        double shared = 0, leftAll = 0, rightAll = 0;
        var sharedWords = new List<(string Word, double Weight)>();
        foreach (var f in left.Features)
        {
            var w = weightOf(f);
            leftAll += w;
            if (right.Features.Contains(f))
            {
                shared += w;
                if (!f.Contains(' ', StringComparison.Ordinal))
                {
                    sharedWords.Add((f, w));
                }
            }
        }
        foreach (var f in right.Features)
        {
            rightAll += weightOf(f);
        }
        // Between Jaccard (too strict for a short repeat) and overlap over the smaller (too lenient for one shared word).
        var words = shared / Math.Sqrt(leftAll * rightAll);
        var trigramShared = left.Trigrams.Count(right.Trigrams.Contains);
        var trigrams = 2.0 * trigramShared / (left.Trigrams.Count + right.Trigrams.Count);
        return (Math.Max(words, trigrams), [.. sharedWords.OrderByDescending(x => x.Weight).Select(x => x.Word).Take(5)]);
    }

    private Prepared Prepare(DuplicateProbe p)
    {
        var key = p.Code ?? "";
        if (p.Code is not null && _prepared.TryGetValue(key, out var cached) && cached.Text == p.Text)
        {
            return cached;
        }
        var places = DuplicateText.PlaceNames(p.Text);
        places.UnionWith(DuplicateText.PlaceNames(p.Address));
        // The place is weighed on its own: left in the text, a street's rare name would make every matter on it look alike.
        var placeWords = places.SelectMany(n => n.Split(' ')).ToHashSet(StringComparer.Ordinal);
        var words = DuplicateText.ContentWords(p.Text).Where(w => !placeWords.Contains(w)).ToList();
        var prepared = new Prepared(p.Text, DuplicateText.Features(words), DuplicateText.Trigrams(words), places, PhoneKey(p.Phone),
            p.CommuneId is null ? communes?.Guess(p.Address + " , " + p.Text)?.CommuneId : null);
        if (p.Code is not null)
        {
            _prepared[key] = prepared;
        }
        return prepared;
    }

    /// <summary>Digits of a phone number as the subscriber's national number: "+84 912 345 678", "0912.345.678" and "84912345678" are one phone.</summary>
    public static string? PhoneKey(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var digits = new string([.. phone.Where(char.IsAsciiDigit)]);
        if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length >= 11)
        {
            digits = digits[2..];
        }
        digits = digits.TrimStart('0');
        return digits.Length >= 8 ? digits : null;
    }

    /// <summary>Great-circle distance in metres (haversine), when both tickets have coordinates.</summary>
    public static double? Distance(TicketState a, TicketState b) => Distance(a.Latitude, a.Longitude, b.Latitude, b.Longitude);

    public static double? Distance(double? latitude1, double? longitude1, double? latitude2, double? longitude2)
    {
        if (latitude1 is not double lat1 || longitude1 is not double lon1 || latitude2 is not double lat2 || longitude2 is not double lon2)
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

    private sealed record Prepared(string Text, HashSet<string> Features, HashSet<string> Trigrams, HashSet<string> Places, string? Phone, int? GuessedCommune);
}

/// <summary>Looks up possible duplicates of a ticket, or of a call being typed, in the ticket table.</summary>
public sealed class DuplicateFinder(TicketQueries queries, TicketSuggester suggester, IOptions<HotlineOptions> options)
{
    private CommuneGuesser? _communes;

    private CommuneGuesser Communes => _communes ??= new CommuneGuesser(queries.Catalog.Units.All);

    public Task<IReadOnlyList<DuplicateCandidate>> FindAsync(AccessScope scope, TicketState subject, CancellationToken ct = default) =>
        FindAsync(scope, DuplicateProbe.Of(subject), ct);

    /// <summary>Candidates for a ticket or a draft, the most likely first, at most the configured number.</summary>
    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(AccessScope scope, DuplicateProbe subject, CancellationToken ct = default)
    {
        if (!scope.CanSeeTickets || string.IsNullOrWhiteSpace(subject.Text))
        {
            return [];
        }
        if (!scope.SeesReporters)
        {
            // As the queue's search: who may not see reporters is not matched on their data, and no "same phone" tells them who called twice.
            subject = subject with { Phone = null };
        }
        var o = options.Value;
        var classifier = suggester.Classifier;
        var documents = Math.Max(1, classifier.Documents);
        var matcher = new DuplicateMatcher(o, f => Math.Log((documents + 1.0) / (classifier.DocumentFrequency(f) + 1.0)) + 1.0, Communes);
        var subjectCommune = subject.CommuneId ?? Communes.Guess(subject.Address + " , " + subject.Text)?.CommuneId;
        var subjectPhone = DuplicateMatcher.PhoneKey(subject.Phone);
        var window = TimeSpan.FromDays(o.DuplicateLookBackDays);
        var d = queries.Dialect;
        string N(string column) => d.Name(column);
        await using var c = await queries.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        // The database only picks the window's tickets (the CreatedAt index on both providers); the texts are
        // compared here, by the matcher, so both providers find the same candidates with the same scores (no FTS5 or
        // pg_trgm ranking is involved). Only beyond 50 000 tickets in the window, unordered, could the two read
        // different ones: some 3 500 calls a day for the two weeks, far beyond a province's hotline.
        cmd.CommandText = $"{queries.TicketSelect} WHERE {N("CreatedAt")} >= @from AND {N("CreatedAt")} <= @to AND {N("Code")} <> @code " +
                          $"AND {N("Status")} NOT IN ({(int)TicketStatus.Rejected}, {(int)TicketStatus.Duplicate}) LIMIT 50000";
        cmd.AddParameter("@from", (subject.CreatedAt - window).ToUnixTimeMilliseconds());
        cmd.AddParameter("@to", (subject.CreatedAt + window).ToUnixTimeMilliseconds());
        cmd.AddParameter("@code", subject.Code ?? "");
        var found = new List<DuplicateCandidate>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var other = StateStore.ReadTicket(r);
            if (!scope.CanSeeTicket(queries.Catalog.Units, other))
            {
                continue;
            }
            // Cheap place test first: most tickets of the window happened in another commune and came from another phone.
            if (subjectCommune is int sc && other.CommuneId is int oc && sc != oc
                && !(DuplicateMatcher.Distance(subject.Latitude, subject.Longitude, other.Latitude, other.Longitude) <= o.DuplicateDistanceMetres)
                && (subjectPhone is null || subjectPhone != DuplicateMatcher.PhoneKey(other.ReporterPhone)))
            {
                continue;
            }
            if (matcher.Match(subject, DuplicateProbe.Of(other), other) is DuplicateCandidate candidate)
            {
                found.Add(candidate);
            }
        }
        // The code last: the rows come in no stated order (SQLite's and PostgreSQL's differ), and equal scores at one
        // instant must not be listed, or cut at the maximum, differently from one provider or one call to the next.
        return [.. found.OrderByDescending(x => x.Score).ThenBy(x => x.Ticket.CreatedAt).ThenBy(x => x.Ticket.Code, StringComparer.Ordinal).Take(o.MaxDuplicateCandidates)];
    }
}
