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
}
