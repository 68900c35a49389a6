using Tertulia.Insights.Metrics;

namespace Tertulia.Insights.Delivery;

/// <summary>
/// When a schedule's reports are due: the last whole week (Monday to Sunday) or month of the business's time zone,
/// sent at <see cref="SendHour"/> o'clock the morning after it ends.
/// </summary>
public static class ReportCalendar
{
    public const int SendHour = 8;

    /// <summary>The last whole period that ended at or before <paramref name="now"/>.</summary>
    public static InsightsPeriod LastWhole(ReportCadence cadence, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        if (cadence == ReportCadence.Monthly)
        {
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            return InsightsPeriod.Of("month", first, first.AddMonths(1).AddDays(-1), zone);
        }
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).AddDays(-7);
        return InsightsPeriod.Of("week", monday, monday.AddDays(6), zone);
    }

    /// <summary>The first sending time after <paramref name="now"/>: the morning after the current period ends.</summary>
    public static DateTimeOffset NextRun(ReportCadence cadence, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = cadence == ReportCadence.Monthly
            ? new DateOnly(today.Year, today.Month, 1)
            : today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        while (true)
        {
            var at = InsightsPeriod.Midnight(day, zone).AddHours(SendHour);
            if (at > now)
            {
                return at;
            }
            day = cadence == ReportCadence.Monthly ? day.AddMonths(1) : day.AddDays(7);
        }
    }
}
