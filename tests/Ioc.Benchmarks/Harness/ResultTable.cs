using System.Globalization;
using System.Text;

namespace Ioc.Benchmarks.Harness;

public enum Verdict
{
    None,
    Met,
    Missed,
    Failed,
}

/// <summary>One line of the table: a figure with its spread over runs, its target and the physical limit it is compared with.</summary>
public sealed record ResultRow
{
    public required string Scenario { get; init; }

    public required string Figure { get; init; }

    public required Spread Value { get; init; }

    public required string Unit { get; init; }

    public string Target { get; init; } = "—";

    public Verdict Verdict { get; init; }

    public string Compared { get; init; } = "—";

    public string Ratio { get; init; } = "—";

    /// <summary>A row that could not be measured: shows this text instead of a figure.</summary>
    public string? Error { get; init; }
}

/// <summary>Collects rows and notes and renders them as Markdown.</summary>
public sealed class ResultTable
{
    private readonly List<ResultRow> _rows = [];
    private readonly List<(string Scenario, string Text)> _notes = [];
    private readonly List<string> _sections = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<ResultRow> Rows => _rows;

    public void Add(ResultRow row)
    {
        lock (_gate)
        {
            _rows.Add(row);
        }
        Log.Info($"RESULT {row.Scenario} / {row.Figure}: {(row.Error ?? FormatSpread(row.Value, row.Unit))}  target {row.Target}  vs {row.Compared}  ratio {row.Ratio}  {VerdictText(row.Verdict)}");
    }

    public void Note(string scenario, string text)
    {
        lock (_gate)
        {
            _notes.Add((scenario, text));
        }
    }

    /// <summary>A block of Markdown printed after the table and its notes (the profile).</summary>
    public void Section(string markdown)
    {
        lock (_gate)
        {
            _sections.Add(markdown);
        }
    }

    public void Failed(string scenario, string figure, string error, string target = "—") =>
        Add(new ResultRow { Scenario = scenario, Figure = figure, Value = Spread.Of([]), Unit = "", Target = target, Verdict = Verdict.Failed, Error = error });

    /// <param name="withSections">Also the blocks added with <see cref="Section"/> (the profile); the README keeps the table and notes only.</param>
    public string ToMarkdown(IEnumerable<string> header, bool withSections = true)
    {
        var sb = new StringBuilder();
        foreach (var line in header)
        {
            sb.AppendLine(line);
        }
        sb.AppendLine();
        sb.AppendLine("| scenario | figure | median (min–max) | target | compared with (same run) | ratio | verdict |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in _rows)
        {
            sb.Append("| ").Append(r.Scenario)
              .Append(" | ").Append(r.Figure)
              .Append(" | ").Append(r.Error is null ? FormatSpread(r.Value, r.Unit) : r.Error)
              .Append(" | ").Append(r.Target)
              .Append(" | ").Append(r.Compared)
              .Append(" | ").Append(r.Ratio)
              .Append(" | ").Append(VerdictText(r.Verdict))
              .AppendLine(" |");
        }
        if (_notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var group in _notes.GroupBy(n => n.Scenario))
            {
                sb.Append("- **").Append(group.Key).Append("**: ").AppendLine(string.Join(" ", group.Select(n => n.Text)));
            }
        }
        foreach (var section in withSections ? _sections : [])
        {
            sb.AppendLine();
            sb.AppendLine(section.TrimEnd());
        }
        return sb.ToString();
    }

    public static string VerdictText(Verdict v) => v switch
    {
        Verdict.Met => "met",
        Verdict.Missed => "**missed**",
        Verdict.Failed => "**failed**",
        _ => "—",
    };

    public static string FormatSpread(Spread s, string unit)
    {
        if (s.IsEmpty)
        {
            return "—";
        }
        var runs = s.Runs == 1 ? "1 run" : $"{s.Runs} runs";
        return s.Runs == 1
            ? $"{Number(s.Median)} {unit} ({runs})"
            : $"{Number(s.Median)} {unit} ({Number(s.Min)}–{Number(s.Max)}, {runs})";
    }

    /// <summary>Three significant digits at most, thousands separated: 51,200 / 12.3 / 0.412.</summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v))
        {
            return "n/a";
        }
        var abs = Math.Abs(v);
        return abs >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture)
            : abs >= 100 ? v.ToString("F0", CultureInfo.InvariantCulture)
            : abs >= 10 ? v.ToString("F1", CultureInfo.InvariantCulture)
            : v.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>"0.12×" with enough digits to be read.</summary>
    public static string Ratio(double numerator, double denominator, string of)
    {
        if (double.IsNaN(numerator) || double.IsNaN(denominator) || denominator == 0)
        {
            return "—";
        }
        var r = numerator / denominator;
        var text = r >= 10 ? r.ToString("F0", CultureInfo.InvariantCulture) : r >= 1 ? r.ToString("F1", CultureInfo.InvariantCulture) : r.ToString("0.###", CultureInfo.InvariantCulture);
        return $"{text}× {of}";
    }
}
