namespace Ioc.Aggregation.Storage;

internal static class UnixTime
{
    public static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    public static long? Ms(DateTimeOffset? t) => t?.ToUnixTimeMilliseconds();

    public static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(Domain.Time.ProvinceTime.Offset);

    public static DateTimeOffset? At(long? ms) => ms is long v ? At(v) : null;
}
