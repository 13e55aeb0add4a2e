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
    private const int MaxParameters = 500;

    private const string DossierColumns =
        "Code, UnitId, ProcedureId, Channel, OnlineLevel, FeeBearing, LimitKind, LimitAmount, ReceivedAt, InitialDueAt, DueAt, Status, IsActive, PauseCount, Pauses, FinishedAt, Flags, LastEventAt";

    private const string TicketColumns =
        "Code, Channel, CategoryId, Text, Address, CommuneId, Latitude, Longitude, ReporterName, ReporterPhone, IsPublic, Urgency, UnitId, " +
        "CreatedAt, DueAt, DueOverrideReason, Status, IsOpen, PausedAt, PausedClockMs, PausedWorkingMs, AnsweredAt, AnsweredOnTime, Answer, " +
        "ResolvedAt, Satisfied, RatedAt, DuplicateOf, StatusReason, LastEventAt, SearchText";

    public static Dictionary<string, DossierState> LoadDossiers(SqliteConnection c, SqliteTransaction? tx, IReadOnlyCollection<string> codes)
    {
        using var statements = new WriterStatements(c);
        return LoadDossiers(statements, tx, codes);
    }

    public static Dictionary<string, DossierState> LoadDossiers(WriterStatements statements, SqliteTransaction? tx, IReadOnlyCollection<string> codes)
    {
        var result = new Dictionary<string, DossierState>(codes.Count, StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(MaxParameters))
        {
            var cmd = InQuery(statements, tx, $"SELECT {DossierColumns} FROM Dossiers WHERE Code IN ", chunk);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var s = ReadDossier(r);
                result[s.Code] = s;
            }
        }
        return result;
    }

    public static Dictionary<string, TicketState> LoadTickets(SqliteConnection c, SqliteTransaction? tx, IReadOnlyCollection<string> codes)
    {
        using var statements = new WriterStatements(c);
        return LoadTickets(statements, tx, codes);
    }

    public static Dictionary<string, TicketState> LoadTickets(WriterStatements statements, SqliteTransaction? tx, IReadOnlyCollection<string> codes)
    {
        var result = new Dictionary<string, TicketState>(codes.Count, StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(MaxParameters))
        {
            var cmd = InQuery(statements, tx, $"SELECT {TicketColumns} FROM Tickets WHERE Code IN ", chunk);
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var s = ReadTicket(r);
                result[s.Code] = s;
            }
        }
        return result;
    }

    /// <summary>The payloads of those of <paramref name="ids"/> that <paramref name="source"/> has already stored.</summary>
    public static Dictionary<string, string> StoredEvents(WriterStatements statements, SqliteTransaction? tx, string source, IReadOnlyCollection<string> ids)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(MaxParameters))
        {
            var names = Enumerable.Range(0, chunk.Length).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
            var cmd = statements.Get($"SELECT EventId, Payload FROM Events WHERE Source = @source AND EventId IN ({string.Join(',', names)})", tx, ["@source", .. names]);
            cmd.Parameters[0].Value = source;
            for (var i = 0; i < chunk.Length; i++)
            {
                cmd.Parameters[i + 1].Value = chunk[i];
            }
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                result[r.GetString(0)] = r.GetString(1);
            }
        }
        return result;
    }

    /// <summary>
    /// Writes changed states: new ones are inserted, existing ones updated in their mutable columns
    /// only, so that indexes on columns that never change (unit, procedure, receipt) are not touched
    /// again, as a delete-and-insert would.
    /// </summary>
    public static void SaveDossiers(WriterStatements statements, SqliteTransaction tx, IEnumerable<(DossierState State, bool IsNew)> states)
    {
        // The stored verdict is written, never read back: the state recomputes it (DossierState.FinishedOnTime).
        var names = (DossierColumns + ", FinishedOnTime").Split(", ");
        var insert = statements.Get($"INSERT INTO Dossiers ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})", tx, [.. names.Select(n => "@" + n)]);
        var p = insert.Parameters.Cast<SqliteParameter>().ToArray();
        var update = statements.Get(
            "UPDATE Dossiers SET DueAt = @DueAt, Status = @Status, IsActive = @IsActive, PauseCount = @PauseCount, " +
            "Pauses = @Pauses, FinishedAt = @FinishedAt, Flags = @Flags, LastEventAt = @LastEventAt, FinishedOnTime = @FinishedOnTime WHERE Code = @Code",
            tx, "@Code", "@DueAt", "@Status", "@IsActive", "@PauseCount", "@Pauses", "@FinishedAt", "@Flags", "@LastEventAt", "@FinishedOnTime");
        var (code, due, status, active, pauseCount, pauses, finished, flags, last) = (update.Parameters[0], update.Parameters[1], update.Parameters[2],
            update.Parameters[3], update.Parameters[4], update.Parameters[5], update.Parameters[6], update.Parameters[7], update.Parameters[8]);
        var onTime = update.Parameters[9];
        foreach (var (s, isNew) in states)
        {
            if (!isNew)
            {
                code.Value = s.Code;
                due.Value = DueAt(s.Due);
                status.Value = (int)s.Status;
                active.Value = ClockRuns(s);
                pauseCount.Value = s.Pauses.Count;
                pauses.Value = FormatPauses(s.Pauses);
                finished.Value = (object?)UnixTime.Ms(s.FinishedAt) ?? DBNull.Value;
                flags.Value = (int)s.Flags;
                last.Value = UnixTime.Ms(s.LastEventAt);
                onTime.Value = (object?)s.FinishedOnTime ?? DBNull.Value;
                update.ExecuteNonQuery();
                continue;
            }
            p[0].Value = s.Code;
            p[1].Value = s.UnitId;
            p[2].Value = s.ProcedureId;
            p[3].Value = (int)s.Channel;
            p[4].Value = (int)s.OnlineLevel;
            p[5].Value = s.FeeBearing;
            p[6].Value = (int)s.Limit.Kind;
            p[7].Value = (object?)s.Limit.Amount ?? DBNull.Value;
            p[8].Value = UnixTime.Ms(s.ReceivedAt);
            p[9].Value = DueAt(s.InitialDue);
            p[10].Value = DueAt(s.Due);
            p[11].Value = (int)s.Status;
            p[12].Value = ClockRuns(s);
            p[13].Value = s.Pauses.Count;
            p[14].Value = FormatPauses(s.Pauses);
            p[15].Value = (object?)UnixTime.Ms(s.FinishedAt) ?? DBNull.Value;
            p[16].Value = (int)s.Flags;
            p[17].Value = UnixTime.Ms(s.LastEventAt);
            p[18].Value = (object?)s.FinishedOnTime ?? DBNull.Value;
            insert.ExecuteNonQuery();
        }
    }

    private static object DueAt(DossierDue? due) => due is DossierDue d ? UnixTime.Ms(d.Deadline) : DBNull.Value;

    /// <summary>
    /// IsActive leads the overdue-first index: dossiers whose clock runs come first, by due instant.
    /// A dossier without a limit has no clock, so it sorts with the paused and finished ones.
    /// </summary>
    private static bool ClockRuns(DossierState s) => s.IsOpen && !s.IsPaused && s.Due is not null;

    /// <summary>
    /// Writes changed tickets: new ones are inserted, existing ones updated in place, so that a
    /// ticket keeps its rowid and its entry in the search index (TicketSearch), which a trigger
    /// rewrites only when the search text itself changed. Rewriting it on every event (as INSERT OR
    /// REPLACE did) was two thirds of ingest's state writes.
    /// </summary>
    public static void SaveTickets(WriterStatements statements, SqliteTransaction tx, IEnumerable<(TicketState State, bool IsNew)> states, ReferenceCatalog catalog)
    {
        var names = TicketColumns.Split(", ");
        var declared = names.Select(n => "@" + n).ToArray();
        var insert = statements.Get($"INSERT INTO Tickets ({TicketColumns}) VALUES ({string.Join(", ", declared)})", tx, declared);
        var update = statements.Get($"UPDATE Tickets SET {string.Join(", ", names.Skip(1).Select(n => $"{n} = @{n}"))} WHERE Code = @Code", tx, declared);
        var insertParameters = insert.Parameters.Cast<SqliteParameter>().ToArray();
        var updateParameters = update.Parameters.Cast<SqliteParameter>().ToArray();
        static object N<T>(T? v) where T : struct => v is T x ? x : DBNull.Value;
        static object S(string? v) => (object?)v ?? DBNull.Value;
        foreach (var (s, isNew) in states)
        {
            var (cmd, p) = isNew ? (insert, insertParameters) : (update, updateParameters);
            var i = 0;
            p[i++].Value = s.Code;
            p[i++].Value = (int)s.Channel;
            p[i++].Value = N(s.CategoryId);
            p[i++].Value = s.Text;
            p[i++].Value = S(s.Address);
            p[i++].Value = N(s.CommuneId);
            p[i++].Value = N(s.Latitude);
            p[i++].Value = N(s.Longitude);
            p[i++].Value = S(s.ReporterName);
            p[i++].Value = S(s.ReporterPhone);
            p[i++].Value = s.IsPublic;
            p[i++].Value = (int)s.Urgency;
            p[i++].Value = N(s.UnitId);
            p[i++].Value = UnixTime.Ms(s.CreatedAt);
            p[i++].Value = UnixTime.Ms(s.DueAt);
            p[i++].Value = S(s.DueOverrideReason);
            p[i++].Value = (int)s.Status;
            p[i++].Value = s.IsOpen;
            p[i++].Value = N(UnixTime.Ms(s.PausedAt));
            p[i++].Value = (long)s.PausedClockTime.TotalMilliseconds;
            p[i++].Value = (long)s.PausedWorkingTime.TotalMilliseconds;
            p[i++].Value = N(UnixTime.Ms(s.AnsweredAt));
            p[i++].Value = N(s.AnsweredOnTime);
            p[i++].Value = S(s.Answer);
            p[i++].Value = N(UnixTime.Ms(s.ResolvedAt));
            p[i++].Value = N(s.Satisfied);
            p[i++].Value = N(UnixTime.Ms(s.RatedAt));
            p[i++].Value = S(s.DuplicateOf);
            p[i++].Value = S(s.StatusReason);
            p[i++].Value = UnixTime.Ms(s.LastEventAt);
            p[i++].Value = SearchTextOf(s, catalog);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>What the triage search matches: code, text, address, reporter and the commune's name, folded.</summary>
    public static string SearchTextOf(TicketState s, ReferenceCatalog catalog)
    {
        var commune = s.CommuneId is int id ? catalog.Units.Find(id)?.Name : null;
        return SearchText.Fold(string.Join(' ', new[] { s.Code, s.Text, s.Address, commune, s.ReporterName, s.ReporterPhone }.Where(x => !string.IsNullOrEmpty(x))));
    }

    public static DossierState ReadDossier(SqliteDataReader r) => new(
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

    private static TimeLimit LimitOf(SqliteDataReader r) => TimeLimit.Of((TimeLimitKind)r.GetInt32(6), r.IsDBNull(7) ? null : r.GetInt32(7));

    private static DossierDue? ReadDue(SqliteDataReader r, int ordinal, TimeLimit limit) =>
        r.IsDBNull(ordinal) ? null : DossierDue.FromDeadline(UnixTime.At(r.GetInt64(ordinal)), limit.DueIsWholeDay);

    public static TicketState ReadTicket(SqliteDataReader r)
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

    /// <summary>A prepared "… IN (@p0, …)" query for this many values (batches mostly have the same sizes, so few variants exist).</summary>
    private static SqliteCommand InQuery(WriterStatements statements, SqliteTransaction? tx, string prefix, string[] values)
    {
        var names = Enumerable.Range(0, values.Length).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var cmd = statements.Get(prefix + "(" + string.Join(',', names) + ")", tx, names);
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i];
        }
        return cmd;
    }
}
