using System.Globalization;
using System.Text;
using Ioc.Aggregation.Storage;
using Ioc.Domain.Indicators;
using Ioc.Domain.Time;
using Microsoft.Data.Sqlite;

namespace Ioc.Aggregation.Indicators;

/// <summary>
/// Sums rollup rows for a window without touching dossiers: whole months come from month rows and
/// the ragged edges from day rows. Flow measures are summed over the window; delta measures over
/// all days up to the window's end, which gives the state at the end (in progress, overdue, open).
/// </summary>
/// <summary>Bucket size of a trend.</summary>
public enum RollupGrainKind
{
    Day,
    Month,
}

internal static class RollupReader
{
    /// <summary>SQL conditions on (Grain, Period) selecting the window's flows and everything up to its end.</summary>
    public static (string Flow, string AtEnd) Conditions(DayRange range)
    {
        var s = range.From;
        var e = range.To;
        var mS = ProvinceTime.MonthNumber(s);
        var mE = ProvinceTime.MonthNumber(e);
        var parts = new List<string>();
        string Days(DateOnly a, DateOnly b) => $"(Grain = 0 AND Period BETWEEN {a.DayNumber} AND {b.DayNumber})";
        string Months(int a, int b) => $"(Grain = 1 AND Period BETWEEN {a} AND {b})";
        static bool IsLastDay(DateOnly d) => d.AddDays(1).Day == 1;

        if (range.IsEmpty)
        {
            parts.Add("0");
        }
        else if (mS == mE)
        {
            parts.Add(s.Day == 1 && IsLastDay(e) ? Months(mS, mS) : Days(s, e));
        }
        else
        {
            var firstFullMonth = mS;
            if (s.Day != 1)
            {
                parts.Add(Days(s, ProvinceTime.FirstDayOfMonthNumber(mS + 1).AddDays(-1)));
                firstFullMonth = mS + 1;
            }
            var lastFullMonth = mE;
            if (!IsLastDay(e))
            {
                parts.Add(Days(ProvinceTime.FirstDayOfMonthNumber(mE), e));
                lastFullMonth = mE - 1;
            }
            if (firstFullMonth <= lastFullMonth)
            {
                parts.Add(Months(firstFullMonth, lastFullMonth));
            }
        }
        var atEnd = $"((Grain = 1 AND Period < {mE}) OR {Days(ProvinceTime.FirstDayOfMonthNumber(mE), e)})";
        return ($"({string.Join(" OR ", parts)})", atEnd);
    }

    /// <summary>
    /// Runs one grouped query: <paramref name="keyFilter"/> restricts the key columns,
    /// <paramref name="groupBy"/> names the key column that varies (its value is the dictionary key).
    /// </summary>
    public static Dictionary<int, long[]> Sum(SqliteConnection c, RollupTable table, string keyFilter, string groupBy, DayRange range, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var (flow, atEnd) = Conditions(range);
        var sb = new StringBuilder("SELECT ").Append(groupBy);
        for (var i = 0; i < table.Width; i++)
        {
            var condition = table.DeltaMeasures.Contains(i) ? atEnd : flow;
            sb.Append(", SUM(CASE WHEN ").Append(condition).Append(" THEN ").Append(table.Measures[i]).Append(" ELSE 0 END)");
        }
        sb.Append(" FROM ").Append(table.Name)
          .Append(" WHERE ").Append(keyFilter)
          .Append(" AND (").Append(flow).Append(" OR ").Append(atEnd).Append(')')
          .Append(" GROUP BY ").Append(groupBy);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sb.ToString();
        AddParameters(cmd, parameters);
        var result = new Dictionary<int, long[]>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var row = new long[table.Width];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = r.IsDBNull(i + 1) ? 0 : r.GetInt64(i + 1);
            }
            result[r.GetInt32(0)] = row;
        }
        return result;
    }

    /// <summary>Answer-time histograms over the window's flows, per value of <paramref name="groupBy"/>.</summary>
    public static Dictionary<int, Dictionary<int, long>> AnswerTimes(SqliteConnection c, string keyFilter, string groupBy, DayRange range, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var (flow, _) = Conditions(range);
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {groupBy}, Hours, SUM(Count) FROM TicketAnswerTimes WHERE {keyFilter} AND {flow} GROUP BY {groupBy}, Hours";
        AddParameters(cmd, parameters);
        var result = new Dictionary<int, Dictionary<int, long>>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var key = r.GetInt32(0);
            if (!result.TryGetValue(key, out var h))
            {
                result[key] = h = [];
            }
            h[r.GetInt32(1)] = r.GetInt64(2);
        }
        return result;
    }

    /// <summary>
    /// Day or month buckets of one key in [from, to], plus the delta sums before the first bucket,
    /// for trends. Month buckets start at from's month; the last month is summed from day rows up to
    /// <paramref name="to"/>, because a month row also holds deltas dated after today (due dates).
    /// </summary>
    public static (long[] Before, SortedDictionary<int, long[]> Buckets) Series(SqliteConnection c, RollupTable table, string keyFilter, RollupGrainKind grain, DateOnly from, DateOnly to, IReadOnlyDictionary<string, object>? parameters = null)
    {
        var mFrom = ProvinceTime.MonthNumber(from);
        var mTo = ProvinceTime.MonthNumber(to);
        var firstOfFrom = ProvinceTime.FirstDayOfMonthNumber(mFrom);
        var firstOfTo = ProvinceTime.FirstDayOfMonthNumber(mTo);
        var columns = string.Join(", ", table.Measures);
        var window = grain == RollupGrainKind.Day
            ? $"(Grain = 0 AND Period BETWEEN {firstOfFrom.DayNumber} AND {to.DayNumber})"
            : $"(Grain = 1 AND Period BETWEEN {mFrom} AND {mTo - 1}) OR (Grain = 0 AND Period BETWEEN {firstOfTo.DayNumber} AND {to.DayNumber})";
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT Grain, Period, {columns} FROM {table.Name} WHERE {keyFilter} AND ((Grain = 1 AND Period < {mFrom}) OR {window})";
        AddParameters(cmd, parameters);
        var before = new long[table.Width];
        var buckets = new SortedDictionary<int, long[]>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            var g = r.GetInt32(0);
            var period = r.GetInt32(1);
            int? bucket = (g, grain) switch
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

    private static void AddParameters(SqliteCommand cmd, IReadOnlyDictionary<string, object>? parameters)
    {
        if (parameters is null)
        {
            return;
        }
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
    }
}
