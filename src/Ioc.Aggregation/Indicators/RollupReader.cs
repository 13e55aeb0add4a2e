using System.Globalization;
using System.Text;
using Ioc.Aggregation.Storage;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using System.Data.Common;
using Ioc.Data;

namespace Ioc.Aggregation.Indicators;

/// <summary>Bucket size of a trend.</summary>
public enum RollupGrainKind
{
    Day,
    Month,
}

/// <summary>
/// Sums rollup rows for a window without touching dossiers: whole months come from month rows and
/// the ragged edges from day rows. Flow measures are summed over the window; delta measures over
/// all days up to the window's end, which gives the state at the end (in progress, overdue, open).
/// </summary>
internal static class RollupReader
{
    /// <summary>
    /// Disjoint ranges of rollup rows that together hold everything a window needs, each marked
    /// with what its rows give: flows of the window, deltas summed into the state at its end, or
    /// both. Whole months come from month rows and the ragged edges from day rows. Each range is an
    /// index range on the rollup key, so a query reads only these rows and needs no per-row condition.
    /// </summary>
    public static List<(int Grain, int From, int To, bool Flow, bool AtEnd)> Segments(DayRange range)
    {
        var s = range.From;
        var e = range.To;
        var mS = ProvinceTime.MonthNumber(s);
        var mE = ProvinceTime.MonthNumber(e);
        var firstOfEnd = ProvinceTime.FirstDayOfMonthNumber(mE).DayNumber;
        var endsOnLastDay = e.AddDays(1).Day == 1;
        var segments = new List<(int Grain, int From, int To, bool Flow, bool AtEnd)>();
        void Add(int grain, int from, int to, bool flow, bool atEnd)
        {
            if (from <= to)
            {
                segments.Add((grain, from, to, flow, atEnd));
            }
        }

        if (range.IsEmpty)
        {
            Add(1, int.MinValue, mE - 1, false, true);
            Add(0, firstOfEnd, e.DayNumber, false, true);
            return segments;
        }
        // Months of the window read whole from month rows: [fullFrom, fullTo].
        int fullFrom, fullTo;
        if (mS == mE)
        {
            (fullFrom, fullTo) = s.Day == 1 && endsOnLastDay ? (mS, mS) : (0, -1);
        }
        else
        {
            fullFrom = s.Day == 1 ? mS : mS + 1;
            fullTo = endsOnLastDay ? mE : mE - 1;
        }
        if (fullFrom <= fullTo)
        {
            Add(1, int.MinValue, fullFrom - 1, false, true);
            Add(1, fullFrom, Math.Min(fullTo, mE - 1), true, true);
            Add(1, mE, fullTo, true, false);
        }
        else
        {
            Add(1, int.MinValue, mE - 1, false, true);
        }
        // Day rows: the end month's days up to the window's end give the state at the end; those
        // inside the window and not read from a month row are flows too.
        if (mS == mE && fullFrom > fullTo)
        {
            Add(0, firstOfEnd, s.DayNumber - 1, false, true);
            Add(0, s.DayNumber, e.DayNumber, true, true);
        }
        else
        {
            Add(0, firstOfEnd, e.DayNumber, mS < mE && !endsOnLastDay, true);
        }
        if (mS < mE && s.Day != 1)
        {
            Add(0, s.DayNumber, ProvinceTime.FirstDayOfMonthNumber(mS + 1).DayNumber - 1, true, false);
        }
        return segments;
    }

    /// <summary>
    /// Sums a rollup table over a window: <paramref name="keyFilter"/> restricts the key columns,
    /// <paramref name="groupBy"/> names the key column that varies (its value is the dictionary key).
    /// One statement, a UNION ALL of one grouped index range per segment. <paramref name="keyFilter"/> is
    /// spelled in <paramref name="d"/>'s dialect; <paramref name="groupBy"/> is a bare column name.
    /// </summary>
    public static Dictionary<int, long[]> Sum(DbConnection c, SqlDialect d, RollupTable table, string keyFilter, string groupBy, DayRange range, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var result = new Dictionary<int, long[]>();
        if (SumSql(d, table, keyFilter, groupBy, range) is not { } sql)
        {
            return result;
        }
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        AddParameters(cmd, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var key = r.GetInt32(0);
            if (!result.TryGetValue(key, out var row))
            {
                result[key] = row = new long[table.Width];
            }
            for (var m = 0; m < row.Length; m++)
            {
                row[m] += r.GetInt64(m + 1);
            }
        }
        return result;
    }

    /// <summary>The statement <see cref="Sum"/> runs; null when the window needs no rows.</summary>
    public static string? SumSql(SqlDialect d, RollupTable table, string keyFilter, string groupBy, DayRange range)
    {
        var segments = Segments(range);
        if (segments.Count == 0)
        {
            return null;
        }
        var group = d.Name(groupBy);
        var arms = segments.Select(seg =>
        {
            var sb = new StringBuilder("SELECT ").Append(group);
            for (var m = 0; m < table.Width; m++)
            {
                var wanted = table.DeltaMeasures.Contains(m) ? seg.AtEnd : seg.Flow;
                sb.Append(wanted ? $", {d.Sum(d.Name(table.Measures[m]))}" : ", 0");
            }
            return sb.Append(" FROM ").Append(d.Name(table.Name)).Append(" WHERE ").Append(keyFilter)
                .Append(" AND ").Append(d.Name("Grain")).Append(" = ").Append(seg.Grain)
                .Append(" AND ").Append(d.Name("Period")).Append(" BETWEEN ").Append(seg.From).Append(" AND ").Append(seg.To)
                .Append(" GROUP BY ").Append(group).ToString();
        });
        return string.Join(" UNION ALL ", arms);
    }

    /// <summary>Answer-time histograms over the window's flows, per value of <paramref name="groupBy"/>.</summary>
    public static Dictionary<int, Dictionary<int, long>> AnswerTimes(DbConnection c, SqlDialect d, string keyFilter, string groupBy, DayRange range, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var result = new Dictionary<int, Dictionary<int, long>>();
        if (AnswerTimesSql(d, keyFilter, groupBy, range) is not { } sql)
        {
            return result;
        }
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        AddParameters(cmd, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var key = r.GetInt32(0);
            if (!result.TryGetValue(key, out var h))
            {
                result[key] = h = [];
            }
            var hours = r.GetInt32(1);
            h[hours] = h.GetValueOrDefault(hours) + r.GetInt64(2);
        }
        return result;
    }

    /// <summary>The statement <see cref="AnswerTimes"/> runs; null when the window has no flows.</summary>
    public static string? AnswerTimesSql(SqlDialect d, string keyFilter, string groupBy, DayRange range)
    {
        var arms = Segments(range).Where(s => s.Flow)
            .Select(s => $"SELECT {d.Name(groupBy)}, {d.Name("Hours")}, {d.Name("Count")} FROM {d.Name(Storage.AnswerTimeDeltas.TableName)} WHERE {keyFilter} " +
                         $"AND {d.Name("Grain")} = {s.Grain} AND {d.Name("Period")} BETWEEN {s.From} AND {s.To}")
            .ToList();
        // Rows are summed by the caller rather than by GROUP BY, which would sort them all in a temporary B-tree.
        return arms.Count == 0 ? null : string.Join(" UNION ALL ", arms);
    }

    /// <summary>
    /// Day or month buckets of one key in [from, to], plus the delta sums before the first bucket,
    /// for trends. Month buckets start at from's month; the last month is summed from day rows up to
    /// <paramref name="to"/>, because a month row also holds deltas dated after today (due dates).
    /// </summary>
    public static (long[] Before, SortedDictionary<int, long[]> Buckets) Series(DbConnection c, SqlDialect d, RollupTable table, string keyFilter, RollupGrainKind grain, DateOnly from, DateOnly to, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var mFrom = ProvinceTime.MonthNumber(from);
        var mTo = ProvinceTime.MonthNumber(to);
        var firstOfFrom = ProvinceTime.FirstDayOfMonthNumber(mFrom);
        var firstOfTo = ProvinceTime.FirstDayOfMonthNumber(mTo);
        var columns = string.Join(", ", table.Measures.Select(d.Name));
        var (g, p) = (d.Name("Grain"), d.Name("Period"));
        var window = grain == RollupGrainKind.Day
            ? $"({g} = 0 AND {p} BETWEEN {firstOfFrom.DayNumber} AND {to.DayNumber})"
            : $"({g} = 1 AND {p} BETWEEN {mFrom} AND {mTo - 1}) OR ({g} = 0 AND {p} BETWEEN {firstOfTo.DayNumber} AND {to.DayNumber})";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {g}, {p}, {columns} FROM {d.Name(table.Name)} WHERE {keyFilter} AND (({g} = 1 AND {p} < {mFrom}) OR {window})";
        AddParameters(cmd, parameters);
        var before = new long[table.Width];
        var buckets = new SortedDictionary<int, long[]>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var rowGrain = r.GetInt32(0);
            var period = r.GetInt32(1);
            int? bucket = (rowGrain, grain) switch
            {
                (1, _) when period < mFrom => null,
                (1, _) => period,
                (_, RollupGrainKind.Month) => mTo,
                _ when period < from.DayNumber => null,
                _ => period,
            };
            var target = bucket is int b ? (buckets.TryGetValue(b, out var row) ? row : buckets[b] = new long[table.Width]) : before;
            for (var i = 0; i < table.Width; i++)
            {
                if (bucket is not null || table.DeltaMeasures.Contains(i))
                {
                    target[i] += r.GetInt64(i + 2);
                }
            }
        }
        return (before, buckets);
    }

    public static string InList(IEnumerable<int> ids) => string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static void AddParameters(DbCommand cmd, IReadOnlyDictionary<string, object>? parameters)
    {
        if (parameters is null)
        {
            return;
        }
        foreach (var (name, value) in parameters)
        {
            cmd.AddParameter(name, value);
        }
    }
}
