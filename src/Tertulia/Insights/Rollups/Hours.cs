namespace Tertulia.Insights.Rollups;

/// <summary>UTC hours, the rollups' grain.</summary>
public static class Hours
{
    public static DateTimeOffset Of(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero);
    }

    /// <summary>
    /// Hours grouped into ranges [From, To) to rebuild with one read each; hours a few apart share a range (the hours
    /// between are rebuilt too, which is harmless: a rebuild is exact).
    /// </summary>
    public static List<(DateTimeOffset From, DateTimeOffset To)> Ranges(IEnumerable<DateTimeOffset> hours, int maxGapHours = 6)
    {
        var ranges = new List<(DateTimeOffset From, DateTimeOffset To)>();
        foreach (var hour in hours.Select(Of).Distinct().Order())
        {
            if (ranges.Count > 0 && hour <= ranges[^1].To.AddHours(maxGapHours))
            {
                ranges[^1] = (ranges[^1].From, hour.AddHours(1));
            }
            else
            {
                ranges.Add((hour, hour.AddHours(1)));
            }
        }
        return ranges;
    }
}
