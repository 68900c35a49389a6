using System.Globalization;

namespace Tertulia.Insights.Metrics;

public sealed class InsightsOptions
{
    /// <summary>Where the business is: days, weeks and months start at its midnight (IANA name).</summary>
    public string TimeZone { get; set; } = "Europe/Madrid";
    /// <summary>How often the scheduled reports are looked at ("send now" does not wait for it).</summary>
    public TimeSpan ReportTick { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// A period of the business's calendar — a day, an ISO week (Monday first), a month, or any range of whole days —
/// as the UTC instants [Start, End) the rollups are added over. <see cref="To"/> is the last day, included.
/// </summary>
public sealed record InsightsPeriod(string Kind, DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End)
{
    public const int MaxDays = 400;

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>
    /// <paramref name="kind"/> is day, week, month or range; <paramref name="at"/> a day inside the wanted day, week
    /// or month (today when missing); a range needs <paramref name="from"/> and <paramref name="to"/> (yyyy-MM-dd).
    /// </summary>
    public static bool TryParse(string? kind, string? at, string? from, string? to, TimeZoneInfo zone, DateTimeOffset now,
        out InsightsPeriod period, out string? error)
    {
        period = null!;
        error = null;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        kind = string.IsNullOrWhiteSpace(kind) ? (from is null ? "month" : "range") : kind.Trim().ToLowerInvariant();
        DateOnly day = today;
        if (!string.IsNullOrWhiteSpace(at) && !TryDate(at, out day))
        {
            error = "'at' must be a date (yyyy-MM-dd)";
            return false;
        }
        switch (kind)
        {
            case "day":
                period = Of("day", day, day, zone);
                return true;
            case "week":
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                period = Of("week", monday, monday.AddDays(6), zone);
                return true;
            case "month":
                var first = new DateOnly(day.Year, day.Month, 1);
                period = Of("month", first, first.AddMonths(1).AddDays(-1), zone);
                return true;
            case "range":
                if (!TryDate(from, out var start) || !TryDate(to, out var end))
                {
                    error = "a range needs 'from' and 'to' dates (yyyy-MM-dd)";
                    return false;
                }
                if (end < start || end.DayNumber - start.DayNumber + 1 > MaxDays)
                {
                    error = $"'to' must not be before 'from', and a range is at most {MaxDays} days";
                    return false;
                }
                period = Of("range", start, end, zone);
                return true;
            default:
                error = "the period is one of: day, week, month, range";
                return false;
        }
    }

    /// <summary>The period just before, of the same kind: the previous day, week or month, or as many days before a range.</summary>
    public InsightsPeriod Previous(TimeZoneInfo zone) => Kind switch
    {
        "month" => Of("month", From.AddMonths(-1), From.AddDays(-1), zone),
        _ => Of(Kind, From.AddDays(-Days), From.AddDays(-1), zone),
    };

    public static InsightsPeriod Of(string kind, DateOnly from, DateOnly to, TimeZoneInfo zone) =>
        new(kind, from, to, Midnight(from, zone), Midnight(to.AddDays(1), zone));

    /// <summary>The instant the business's day starts (Madrid's offsets are whole hours, so it is an hour of the rollups).</summary>
    public static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static bool TryDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
