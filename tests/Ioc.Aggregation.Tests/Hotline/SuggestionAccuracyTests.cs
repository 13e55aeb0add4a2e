using Ioc.Aggregation.Hotline;
using Ioc.Aggregation.Tests.Simulation;
using Ioc.Domain.Tickets;
using Xunit.Abstractions;

namespace Ioc.Aggregation.Tests.Hotline;

/// <summary>
/// The suggestion model against the simulator's truth: trained on eight weeks of triaged tickets,
/// judged on the two weeks that follow (tickets it has never seen), as operators would meet them.
/// </summary>
public sealed class SuggestionAccuracyTests(SimulatorFixture fixture, ITestOutputHelper output) : IClassFixture<SimulatorFixture>
{
    private static readonly DateOnly TrainFrom = new(2026, 1, 5);
    private static readonly DateOnly TestFrom = new(2026, 3, 2);
    private static readonly DateOnly TestTo = new(2026, 3, 15);

    [Fact]
    public void Classifier_HeldOutSimulatedTickets_BeatsMostCommonCategoryByFar()
    {
        var tickets = SimulatedTickets.Generate(fixture, TrainFrom, TestTo);
        var train = tickets.Where(t => t.Day < TestFrom).ToList();
        var test = tickets.Where(t => t.Day >= TestFrom && TicketSuggester.LabelOf(t.Final) is not null).ToList();
        var classifier = new TicketClassifier();
        foreach (var t in train)
        {
            if (TicketSuggester.LabelOf(t.Final) is int label)
            {
                classifier.Learn(t.Text, label);
            }
        }

        var mostCommon = classifier.DocumentsPerLabel.MaxBy(kv => kv.Value).Key;
        var correct = test.Count(t => classifier.Predict(t.Text)!.Label == TicketSuggester.LabelOf(t.Final));
        var baseline = test.Count(t => TicketSuggester.LabelOf(t.Final) == mostCommon);
        var categories = test.Where(t => t.Final.Status != TicketStatus.Rejected).ToList();
        var categoryCorrect = categories.Count(t => classifier.Predict(t.Text)!.Label == t.Final.CategoryId);
        var accuracy = (double)correct / test.Count;
        var baselineAccuracy = (double)baseline / test.Count;
        output.WriteLine($"Trained on {classifier.Documents} tickets ({TrainFrom:dd/MM}–{TestFrom.AddDays(-1):dd/MM/yyyy}), {classifier.DocumentsPerLabel.Count} labels, {classifier.Vocabulary} features.");
        output.WriteLine($"Held out {test.Count} tickets ({TestFrom:dd/MM}–{TestTo:dd/MM/yyyy}): accuracy {accuracy:P1} (categories only: {(double)categoryCorrect / categories.Count:P1} of {categories.Count}); always '{mostCommon}': {baselineAccuracy:P1}.");

        Assert.True(test.Count > 300, $"only {test.Count} held-out tickets");
        Assert.True(accuracy > baselineAccuracy + 0.4, $"accuracy {accuracy:P1} vs baseline {baselineAccuracy:P1}");
        Assert.True(accuracy > 0.8, $"accuracy {accuracy:P1}");
    }

    /// <summary>
    /// The harder question: phrasings the model has never seen. Every category's text templates are
    /// split; the model learns from texts of two thirds of them and is judged on the other third.
    /// </summary>
    [Fact]
    public void Classifier_UnseenPhrasings_StillBeatsMostCommonCategory()
    {
        var rng = new Random(20260320);
        var communes = fixture.Catalog.Units.All.Where(u => u.IsLocal).ToList();
        var classifier = new TicketClassifier();
        var test = new List<(string Text, int Category)>();
        var trainCounts = new Dictionary<int, int>();
        foreach (var category in fixture.Catalog.Categories)
        {
            var templates = fixture.Texts.TemplatesOf(category.Code).OrderBy(_ => rng.Next()).ToList();
            var cut = templates.Count * 2 / 3;
            foreach (var (template, i) in templates.Select((t, i) => (t, i)))
            {
                for (var n = 0; n < 6; n++)
                {
                    var text = fixture.Texts.Expand(template, communes[rng.Next(communes.Count)], rng);
                    if (i < cut)
                    {
                        classifier.Learn(text, category.Id);
                        trainCounts[category.Id] = trainCounts.GetValueOrDefault(category.Id) + 1;
                    }
                    else
                    {
                        test.Add((text, category.Id));
                    }
                }
            }
        }

        var mostCommon = trainCounts.MaxBy(kv => kv.Value).Key;
        var accuracy = (double)test.Count(t => classifier.Predict(t.Text)!.Label == t.Category) / test.Count;
        var baseline = (double)test.Count(t => t.Category == mostCommon) / test.Count;
        output.WriteLine($"Unseen phrasings: {test.Count} texts from {test.Select(t => t.Text).Distinct().Count()} distinct texts; accuracy {accuracy:P1}; always the most common category: {baseline:P1}.");

        Assert.True(accuracy > baseline * 4, $"accuracy {accuracy:P1} vs baseline {baseline:P1}");
    }
}
