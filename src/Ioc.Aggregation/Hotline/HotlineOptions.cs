using System.ComponentModel.DataAnnotations;

namespace Ioc.Aggregation.Hotline;

/// <summary>Hotline triage settings (<c>Hotline</c> section): duplicate detection, the suggestion model and the queue.</summary>
public sealed class HotlineOptions
{
    public const string Section = "Hotline";

    /// <summary>Two tickets with coordinates this close count as the same place even in different communes.</summary>
    [Range(0, 50_000)]
    public int DuplicateDistanceMetres { get; set; } = 300;

    /// <summary>How far back (and forward) from a ticket's creation possible duplicates are looked for.</summary>
    [Range(1, 365)]
    public int DuplicateLookBackDays { get; set; } = 7;

    /// <summary>Least text similarity (0–1) for a possible duplicate, however close the place, phone and time: two matters at one place are two tickets.</summary>
    [Range(0.05, 1.0)]
    public double DuplicateTextSimilarity { get; set; } = 0.3;

    /// <summary>Least score (text similarity plus same place, same phone and closeness in time; 0–1.5) for a possible duplicate.</summary>
    [Range(0.1, 1.5)]
    public double DuplicateScore { get; set; } = 0.65;

    /// <summary>Most possible duplicates shown for one ticket.</summary>
    [Range(1, 50)]
    public int MaxDuplicateCandidates { get; set; } = 5;

    /// <summary>The suggestion model is rebuilt from every triaged ticket this often (it also learns new triage in between).</summary>
    [Range(1, 24 * 60)]
    public int SuggestionRetrainMinutes { get; set; } = 60;

    /// <summary>
    /// A rebuild learns from the tickets received in this many days before it (new triage is added in
    /// between): the model's memory follows this window, not the years of history in the database.
    /// </summary>
    [Range(7, 3_650)]
    public int SuggestionTrainingDays { get; set; } = 365;

    /// <summary>How often newly triaged tickets are added to the model between full rebuilds.</summary>
    [Range(1, 3_600)]
    public int SuggestionLearnSeconds { get; set; } = 20;

    /// <summary>No category is suggested before the model has seen this many triaged tickets.</summary>
    [Range(1, 100_000)]
    public int SuggestionMinimumTickets { get; set; } = 20;

    /// <summary>Rows per queue page the operator may choose at most.</summary>
    [Range(10, 1_000)]
    public int MaxPageSize { get; set; } = 200;

    /// <summary>
    /// Answer templates per category code ("*" for every category), offered when an answer is recorded.
    /// Placeholders: {ma}, {ngay} (date received), {noi} (address or commune), {don_vi} (responsible unit).
    /// </summary>
    public Dictionary<string, string[]> AnswerTemplates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Characters of a ticket's text sent to the queue; the full text is on the ticket itself.</summary>
    [Range(80, 10_000)]
    public int QueueTextLength { get; set; } = 280;
}
