using System.Globalization;
using System.Text;
using Ioc.Contracts;

namespace Ioc.Benchmarks.Data;

/// <summary>
/// Writes events as the CSV that <c>CsvEventReader</c> reads: a header of <see cref="IngestEvent"/>
/// property names, one record per event, RFC 4180 quoting. Columns are written by hand rather than
/// by reflection because a province-year is twelve million rows.
/// </summary>
public sealed class CsvEventWriter : IDisposable
{
    private static readonly string[] Columns =
    [
        "Id", "Type", "OccurredAt", "Actor", "Dossier", "Unit", "Procedure", "Channel", "PaidOnline", "Digitized", "ElectronicResult",
        "SyncedToNationalPortal", "VneidAuthenticated", "PopulationData", "DigitizedDataReused", "ElectronicCopy", "LinkedToDataStore", "Rating",
        "Ticket", "Category", "Text", "Address", "Commune", "Latitude", "Longitude", "ReporterName", "ReporterPhone", "IsPublic",
        "Urgency", "Answer", "Satisfied", "DuplicateOf", "DueAt", "Reason",
        "Document", "Electronic", "InterConnected", "DigitallySigned", "Subject", "Assignee", "IfUnchangedSince",
    ];

    private readonly StreamWriter _writer;

    public CsvEventWriter(string path)
    {
        var missing = typeof(IngestEvent).GetProperties().Select(p => p.Name).Except(Columns).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"IngestEvent has fields the benchmark's CSV writer does not know: {string.Join(", ", missing)}.");
        }
        _writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        _writer.Write(string.Join(',', Columns));
        _writer.Write('\n');
    }

    public long Rows { get; private set; }

    public void Write(IngestEvent e)
    {
        Text(e.Id); Sep(); Text(e.Type); Sep(); Time(e.OccurredAt); Sep(); Text(e.Actor); Sep();
        Text(e.Dossier); Sep(); Text(e.Unit); Sep(); Text(e.Procedure); Sep(); Text(e.Channel); Sep();
        Bool(e.PaidOnline); Sep(); Bool(e.Digitized); Sep(); Bool(e.ElectronicResult); Sep();
        Bool(e.SyncedToNationalPortal); Sep(); Bool(e.VneidAuthenticated); Sep(); Bool(e.PopulationData); Sep(); Bool(e.DigitizedDataReused); Sep();
        Bool(e.ElectronicCopy); Sep(); Bool(e.LinkedToDataStore); Sep(); Text(e.Rating); Sep();
        Text(e.Ticket); Sep(); Text(e.Category); Sep(); Text(e.Text); Sep(); Text(e.Address); Sep(); Text(e.Commune); Sep();
        Number(e.Latitude); Sep(); Number(e.Longitude); Sep(); Text(e.ReporterName); Sep(); Text(e.ReporterPhone); Sep(); Bool(e.IsPublic); Sep();
        Text(e.Urgency); Sep(); Text(e.Answer); Sep(); Bool(e.Satisfied); Sep(); Text(e.DuplicateOf); Sep(); Time(e.DueAt); Sep(); Text(e.Reason); Sep();
        Text(e.Document); Sep(); Bool(e.Electronic); Sep(); Bool(e.InterConnected); Sep(); Bool(e.DigitallySigned); Sep(); Text(e.Subject); Sep(); Text(e.Assignee); Sep();
        Time(e.IfUnchangedSince);
        _writer.Write('\n');
        Rows++;
    }

    public void Dispose() => _writer.Dispose();

    private void Sep() => _writer.Write(',');

    private void Text(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return;
        }
        if (s.AsSpan().IndexOfAny(",\"\r\n") < 0 && s[0] != '"')
        {
            _writer.Write(s);
            return;
        }
        _writer.Write('"');
        _writer.Write(s.Replace("\"", "\"\"", StringComparison.Ordinal));
        _writer.Write('"');
    }

    private void Bool(bool? b)
    {
        if (b is bool v)
        {
            _writer.Write(v ? "true" : "false");
        }
    }

    private void Number(double? d)
    {
        if (d is double v)
        {
            _writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    private void Time(DateTimeOffset? t)
    {
        if (t is DateTimeOffset v)
        {
            _writer.Write(v.ToString("O", CultureInfo.InvariantCulture));
        }
    }
}
