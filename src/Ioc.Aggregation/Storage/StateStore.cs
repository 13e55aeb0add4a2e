using System.Data.Common;
using System.Globalization;
using System.Text;
using Ioc.Domain.Catalog;
using Ioc.Domain.Dossiers;
using Ioc.Domain.Text;
using Ioc.Domain.Tickets;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Storage;

/// <summary>Reads and writes current dossier and ticket states with prepared statements (the ingest hot path).</summary>
public static class StateStore
{
    internal const string DossierColumns =
        "Code, UnitId, ProcedureId, Channel, OnlineLevel, FeeBearing, LimitKind, LimitAmount, ReceivedAt, InitialDueAt, DueAt, Status, IsActive, PauseCount, Pauses, FinishedAt, Flags, LastEventAt";

    internal const string TicketColumns =
        "Code, Channel, CategoryId, Text, Address, CommuneId, Latitude, Longitude, ReporterName, ReporterPhone, IsPublic, Urgency, UnitId, " +
        "CreatedAt, DueAt, DueOverrideReason, Status, IsOpen, PausedAt, PausedClockMs, PausedWorkingMs, AnsweredAt, AnsweredOnTime, Answer, " +
        "ResolvedAt, Satisfied, RatedAt, DuplicateOf, StatusReason, LastEventAt, SearchText";

    /// <summary>
    /// The columns a new dossier row is written with: named as the properties of Ioc.Data.Entities.DossierRow,
    /// which the migrations create the table from (SchemaSourceTests fails when the two differ).
    /// The stored on-time verdict is written, never read back: the state recomputes it (DossierState.FinishedOnTime).
    /// </summary>
    internal static readonly string[] DossierRowColumns = (DossierColumns + ", FinishedOnTime").Split(", ");

    /// <summary>
    /// The columns an existing dossier's row is updated in, in the order the update binds them: those that never
    /// change (unit, procedure, receipt) keep their index entries. PostgreSQL's upsert updates the same ones.
    /// </summary>
    internal static readonly string[] DossierMutableColumns =
        ["DueAt", "Status", "IsActive", "PauseCount", "Pauses", "FinishedAt", "Flags", "LastEventAt", "FinishedOnTime"];

    private static readonly string DossierUpdate =
        $"UPDATE Dossiers SET {string.Join(", ", DossierMutableColumns.Select(c => $"{c} = @{c}"))} WHERE Code = @Code";

    /// <summary>The columns a new ticket row is written with (Ioc.Data.Entities.TicketRow; checked like <see cref="DossierRowColumns"/>).</summary>
    internal static readonly string[] TicketRowColumns = TicketColumns.Split(", ");

    public static Dictionary<string, DossierState> LoadDossiers(SqliteConnection c, SqliteTransaction? tx, IReadOnlyCollection<string> codes)
    {
        using var statements = new WriterStatements(c);
        return LoadDossiers(statements, tx, codes);
    }

    public static Dictionary<string, DossierState> LoadDossiers(WriterStatements statements, SqliteTransaction? tx, IReadOnlyCollection<string> codes) =>
        LoadByCode(statements, tx, $"SELECT {DossierColumns} FROM Dossiers WHERE Code", codes, ReadDossier, s => s.Code);

    public static Dictionary<string, TicketState> LoadTickets(SqliteConnection c, SqliteTransaction? tx, IReadOnlyCollection<string> codes)
    {
        using var statements = new WriterStatements(c);
        return LoadTickets(statements, tx, codes);
    }

    public static Dictionary<string, TicketState> LoadTickets(WriterStatements statements, SqliteTransaction? tx, IReadOnlyCollection<string> codes) =>
        LoadByCode(statements, tx, $"SELECT {TicketColumns} FROM Tickets WHERE Code", codes, ReadTicket, s => s.Code);

    /// <summary>The current states of those of <paramref name="codes"/> that exist, by code: one statement for any number of codes.</summary>
    /// <param name="selectWhereCode">A select ending in <c>WHERE Code</c>, which <see cref="InQuery"/> completes.</param>
    internal static Dictionary<string, T> LoadByCode<T>(WriterStatements statements, SqliteTransaction? tx, string selectWhereCode, IReadOnlyCollection<string> codes,
        Func<SqliteDataReader, T> read, Func<T, string> codeOf)
    {
        var result = new Dictionary<string, T>(codes.Count, StringComparer.Ordinal);
        if (codes.Count == 0)
        {
            return result;
        }
        var cmd = InQuery(statements, tx, selectWhereCode, codes);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var s = read(r);
            result[codeOf(s)] = s;
        }
        return result;
    }

    /// <summary>The payloads of those of <paramref name="ids"/> that <paramref name="source"/> has already stored.</summary>
    public static Dictionary<string, string> StoredEvents(WriterStatements statements, SqliteTransaction? tx, string source, IReadOnlyCollection<string> ids)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ids.Count == 0)
        {
            return result;
        }
        var cmd = statements.Get("SELECT EventId, Payload FROM Events WHERE Source = @source AND EventId IN (SELECT value FROM json_each(@values))", tx, "@source", "@values");
        cmd.Parameters[0].Value = source;
        cmd.Parameters[1].Value = JsonArray(ids);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            result[r.GetString(0)] = r.GetString(1);
        }
        return result;
    }

    /// <summary>
    /// Writes changed states: new ones are inserted, existing ones updated in their mutable columns
    /// only, so that indexes on columns that never change (unit, procedure, receipt) are not touched
    /// again, as a delete-and-insert would.
    /// </summary>
    public static void SaveDossiers(WriterStatements statements, IEnumerable<(DossierState State, bool IsNew)> states)
    {
        // Parameters are bound by position: in the insert, the order of the columns; in the update, of their first appearance.
        var names = DossierRowColumns;
        var insert = statements.Prepared($"INSERT INTO Dossiers ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})");
        var update = statements.Prepared(DossierUpdate);
        foreach (var (s, isNew) in states)
        {
            if (!isNew)
            {
                update.Bind(1, DueAt(s.Due));
                update.Bind(2, (int)s.Status);
                update.Bind(3, ClockRuns(s));
                update.Bind(4, s.Pauses.Count);
                update.Bind(5, FormatPauses(s.Pauses));
                update.Bind(6, UnixTime.Ms(s.FinishedAt));
                update.Bind(7, (int)s.Flags);
                update.Bind(8, UnixTime.Ms(s.LastEventAt));
                update.Bind(9, s.FinishedOnTime);
                update.Bind(10, s.Code);
                update.Execute();
                continue;
            }
            insert.Bind(1, s.Code);
            insert.Bind(2, s.UnitId);
            insert.Bind(3, s.ProcedureId);
            insert.Bind(4, (int)s.Channel);
            insert.Bind(5, (int)s.OnlineLevel);
            insert.Bind(6, s.FeeBearing);
            insert.Bind(7, (int)s.Limit.Kind);
            insert.Bind(8, s.Limit.Amount);
            insert.Bind(9, UnixTime.Ms(s.ReceivedAt));
            insert.Bind(10, DueAt(s.InitialDue));
            insert.Bind(11, DueAt(s.Due));
            insert.Bind(12, (int)s.Status);
            insert.Bind(13, ClockRuns(s));
            insert.Bind(14, s.Pauses.Count);
            insert.Bind(15, FormatPauses(s.Pauses));
            insert.Bind(16, UnixTime.Ms(s.FinishedAt));
            insert.Bind(17, (int)s.Flags);
            insert.Bind(18, UnixTime.Ms(s.LastEventAt));
            insert.Bind(19, s.FinishedOnTime);
            insert.Execute();
        }
    }

    private static long? DueAt(DossierDue? due) => due is DossierDue d ? UnixTime.Ms(d.Deadline) : null;

    /// <summary>
    /// IsActive leads the overdue-first index: dossiers whose clock runs come first, by due instant.
    /// A dossier without a limit has no clock, so it sorts with the paused and finished ones.
    /// </summary>
    internal static bool ClockRuns(DossierState s) => s.IsOpen && !s.IsPaused && s.Due is not null;

    /// <summary>
    /// Writes changed tickets: new ones are inserted, existing ones updated in place, so that a
    /// ticket keeps its rowid and its entry in the search index (TicketSearch), which a trigger
    /// rewrites only when the search text itself changed. Rewriting it on every event (as INSERT OR
    /// REPLACE did) was two thirds of ingest's state writes.
    /// </summary>
    public static void SaveTickets(WriterStatements statements, IEnumerable<(TicketState State, bool IsNew)> states, ReferenceCatalog catalog)
    {
        var names = TicketRowColumns;
        var insert = statements.Prepared($"INSERT INTO Tickets ({TicketColumns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})");
        var update = statements.Prepared($"UPDATE Tickets SET {string.Join(", ", names.Skip(1).Select(n => $"{n} = @{n}"))} WHERE Code = @Code");
        // Column i's parameter position in each statement (the update names the code last).
        var insertAt = names.Select(n => insert.Index("@" + n)).ToArray();
        var updateAt = names.Select(n => update.Index("@" + n)).ToArray();
        foreach (var (s, isNew) in states)
        {
            var (cmd, at) = isNew ? (insert, insertAt) : (update, updateAt);
            var i = 0;
            cmd.Bind(at[i++], s.Code);
            cmd.Bind(at[i++], (int)s.Channel);
            cmd.Bind(at[i++], s.CategoryId);
            cmd.Bind(at[i++], s.Text);
            cmd.Bind(at[i++], s.Address);
            cmd.Bind(at[i++], s.CommuneId);
            cmd.Bind(at[i++], s.Latitude);
            cmd.Bind(at[i++], s.Longitude);
            cmd.Bind(at[i++], s.ReporterName);
            cmd.Bind(at[i++], s.ReporterPhone);
            cmd.Bind(at[i++], s.IsPublic);
            cmd.Bind(at[i++], (int)s.Urgency);
            cmd.Bind(at[i++], s.UnitId);
            cmd.Bind(at[i++], UnixTime.Ms(s.CreatedAt));
            cmd.Bind(at[i++], UnixTime.Ms(s.DueAt));
            cmd.Bind(at[i++], s.DueOverrideReason);
            cmd.Bind(at[i++], (int)s.Status);
            cmd.Bind(at[i++], s.IsOpen);
            cmd.Bind(at[i++], UnixTime.Ms(s.PausedAt));
            cmd.Bind(at[i++], (long)s.PausedClockTime.TotalMilliseconds);
            cmd.Bind(at[i++], (long)s.PausedWorkingTime.TotalMilliseconds);
            cmd.Bind(at[i++], UnixTime.Ms(s.AnsweredAt));
            cmd.Bind(at[i++], s.AnsweredOnTime);
            cmd.Bind(at[i++], s.Answer);
            cmd.Bind(at[i++], UnixTime.Ms(s.ResolvedAt));
            cmd.Bind(at[i++], s.Satisfied);
            cmd.Bind(at[i++], UnixTime.Ms(s.RatedAt));
            cmd.Bind(at[i++], s.DuplicateOf);
            cmd.Bind(at[i++], s.StatusReason);
            cmd.Bind(at[i++], UnixTime.Ms(s.LastEventAt));
            cmd.Bind(at[i++], SearchTextOf(s, catalog));
            cmd.Execute();
        }
    }

    /// <summary>What the triage search matches: code, text, address, reporter and the commune's name, folded.</summary>
    public static string SearchTextOf(TicketState s, ReferenceCatalog catalog)
    {
        var commune = s.CommuneId is int id ? catalog.Units.Find(id)?.Name : null;
        return SearchText.Fold(string.Join(' ', new[] { s.Code, s.Text, s.Address, commune, s.ReporterName, s.ReporterPhone }.Where(x => !string.IsNullOrEmpty(x))));
    }

    public static DossierState ReadDossier(DbDataReader r) => new(
        Code: r.GetString(0),
        UnitId: r.GetInt32(1),
        ProcedureId: r.GetInt32(2),
        Channel: (DossierChannel)r.GetInt32(3),
        OnlineLevel: (OnlineLevel)r.GetInt32(4),
        FeeBearing: r.GetBoolean(5),
        Limit: LimitOf(r),
        ReceivedAt: UnixTime.At(r.GetInt64(8)),
        InitialDue: ReadDue(r, 9, LimitOf(r)),
        Due: ReadDue(r, 10, LimitOf(r)),
        Status: (DossierStatus)r.GetInt32(11),
        Pauses: ParsePauses(r.GetString(14), LimitOf(r)),
        FinishedAt: r.IsDBNull(15) ? null : UnixTime.At(r.GetInt64(15)),
        Flags: (DossierFlags)r.GetInt32(16),
        LastEventAt: UnixTime.At(r.GetInt64(17)));

    private static TimeLimit LimitOf(DbDataReader r) => TimeLimit.Of((TimeLimitKind)r.GetInt32(6), r.IsDBNull(7) ? null : r.GetInt32(7));

    private static DossierDue? ReadDue(DbDataReader r, int ordinal, TimeLimit limit) =>
        r.IsDBNull(ordinal) ? null : DossierDue.FromDeadline(UnixTime.At(r.GetInt64(ordinal)), limit.DueIsWholeDay);

    public static TicketState ReadTicket(DbDataReader r)
    {
        int? I(int i) => r.IsDBNull(i) ? null : r.GetInt32(i);
        long? L(int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
        double? D(int i) => r.IsDBNull(i) ? null : r.GetDouble(i);
        bool? B(int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        return new TicketState(
            Code: r.GetString(0),
            Channel: (TicketChannel)r.GetInt32(1),
            CategoryId: I(2),
            Text: r.GetString(3),
            Address: S(4),
            CommuneId: I(5),
            Latitude: D(6),
            Longitude: D(7),
            ReporterName: S(8),
            ReporterPhone: S(9),
            IsPublic: r.GetBoolean(10),
            Urgency: (TicketUrgency)r.GetInt32(11),
            UnitId: I(12),
            CreatedAt: UnixTime.At(r.GetInt64(13)),
            DueAt: UnixTime.At(r.GetInt64(14)),
            DueOverrideReason: S(15),
            Status: (TicketStatus)r.GetInt32(16),
            PausedAt: UnixTime.At(L(18)),
            PausedClockTime: TimeSpan.FromMilliseconds(r.GetInt64(19)),
            PausedWorkingTime: TimeSpan.FromMilliseconds(r.GetInt64(20)),
            AnsweredAt: UnixTime.At(L(21)),
            AnsweredOnTime: B(22),
            Answer: S(23),
            ResolvedAt: UnixTime.At(L(24)),
            Satisfied: B(25),
            RatedAt: UnixTime.At(L(26)),
            DuplicateOf: S(27),
            StatusReason: S(28),
            LastEventAt: UnixTime.At(r.GetInt64(29)));
    }

    public static string TicketSelect => $"SELECT {TicketColumns} FROM Tickets";

    public static string DossierSelect => $"SELECT {DossierColumns} FROM Dossiers";

    public static string FormatPauses(IReadOnlyList<DossierPause> pauses)
    {
        if (pauses.Count == 0)
        {
            return string.Empty;
        }
        var sb = new StringBuilder();
        foreach (var p in pauses)
        {
            if (sb.Length > 0)
            {
                sb.Append(';');
            }
            sb.Append(UnixTime.Ms(p.PausedAt).ToString(CultureInfo.InvariantCulture)).Append(',');
            if (p.ResumedAt is DateTimeOffset r)
            {
                sb.Append(UnixTime.Ms(r).ToString(CultureInfo.InvariantCulture)).Append(',');
                if (p.DueAfterResume is DossierDue due)
                {
                    sb.Append(UnixTime.Ms(due.Deadline).ToString(CultureInfo.InvariantCulture));
                }
            }
            else
            {
                sb.Append(',');
            }
        }
        return sb.ToString();
    }

    /// <summary>Day numbers below this are due days written before limits had kinds (all whole days); later entries hold unix milliseconds.</summary>
    private const long LegacyDayNumberBound = 10_000_000;

    public static IReadOnlyList<DossierPause> ParsePauses(string text, TimeLimit limit)
    {
        if (text.Length == 0)
        {
            return [];
        }
        var parts = text.Split(';');
        var result = new DossierPause[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var f = parts[i].Split(',');
            var paused = UnixTime.At(long.Parse(f[0], CultureInfo.InvariantCulture));
            result[i] = f[1].Length == 0
                ? new DossierPause(paused, null, null)
                : new DossierPause(paused, UnixTime.At(long.Parse(f[1], CultureInfo.InvariantCulture)), ParsePauseDue(f[2], limit));
        }
        return result;
    }

    private static DossierDue? ParsePauseDue(string text, TimeLimit limit)
    {
        if (text.Length == 0)
        {
            return null;
        }
        var value = long.Parse(text, CultureInfo.InvariantCulture);
        return value < LegacyDayNumberBound
            ? DossierDue.EndOf(DateOnly.FromDayNumber((int)value))
            : DossierDue.FromDeadline(UnixTime.At(value), limit.DueIsWholeDay);
    }

    /// <summary>
    /// "<paramref name="prefix"/> IN (the values)", the values passed as one JSON array that SQLite
    /// unpacks (json_each) and seeks one by one: one statement prepared once for any number of values,
    /// where an "IN (@p0, …)" list needed a statement per length and a bind per value.
    /// </summary>
    internal static SqliteCommand InQuery(WriterStatements statements, SqliteTransaction? tx, string prefix, IEnumerable<string> values)
    {
        var cmd = statements.Get(prefix + " IN (SELECT value FROM json_each(@values))", tx, "@values");
        cmd.Parameters[0].Value = JsonArray(values);
        return cmd;
    }

    private static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var v in values)
            {
                json.WriteStringValue(v);
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
