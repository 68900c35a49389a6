using Microsoft.Extensions.Localization;

namespace Tertulia.Web;

/// <summary>"hace 3 h" / "3 h ago": how long ago something was said, in the reader's language.</summary>
public static class TimeAgo
{
    public static string Format(TimeSpan elapsed, IStringLocalizer<UiText> text)
    {
        if (elapsed < TimeSpan.FromMinutes(1))
        {
            return text["JustNow"];
        }
        if (elapsed < TimeSpan.FromHours(1))
        {
            return string.Format(text["MinutesAgo"], (int)elapsed.TotalMinutes);
        }
        if (elapsed < TimeSpan.FromDays(1))
        {
            return string.Format(text["HoursAgo"], (int)elapsed.TotalHours);
        }
        return string.Format(text["DaysAgo"], (int)elapsed.TotalDays);
    }

    /// <summary>"2 h 15 min" / "3 días": a length of time, such as how long the first public answer took.</summary>
    public static string Duration(TimeSpan span, IStringLocalizer<UiText> text)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }
        if (span < TimeSpan.FromHours(1))
        {
            return string.Format(text["DurationMinutes"], (int)Math.Ceiling(span.TotalMinutes));
        }
        if (span < TimeSpan.FromDays(2))
        {
            return string.Format(text["DurationHours"], (int)span.TotalHours, span.Minutes);
        }
        return string.Format(text["DurationDays"], (int)span.TotalDays);
    }
}
