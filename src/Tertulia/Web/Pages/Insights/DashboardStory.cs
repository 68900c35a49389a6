using System.Globalization;
using Microsoft.Extensions.Localization;
using Tertulia.Insights.Metrics;

namespace Tertulia.Web.Pages.Insights;

/// <summary>
/// The dashboard's few plain sentences above its tables: an open crisis first, then what stands out in the period's
/// figures (a spike of negative mentions, the customers still waiting, the monologue index against the period before,
/// the customers who talked back), each with a link to what is behind it.
/// </summary>
public static class DashboardStory
{
    /// <summary><paramref name="Kind"/>: incident, spike, waiting, answered, monologue or engaged (the line's <c>data-story</c>).</summary>
    public sealed record Line(string Kind, string Text, string? Href = null, string? LinkText = null, bool Alert = false);

    public sealed record OpenIncident(long Id, string Title, int Size, DateTimeOffset StartedAt);

    /// <summary>A day's negative mentions are a spike when there are at least this many...</summary>
    public const int SpikeAtLeast = 3;

    /// <summary>...and at least twice the average of the period's other days so far, plus one.</summary>
    public static bool IsSpike(int peak, double othersAverage) => peak >= SpikeAtLeast && peak >= 2 * othersAverage + 1;

    public static List<Line> Write(
        PeriodInsights insights, IReadOnlyList<OpenIncident> incidents, DateOnly today, DateTimeOffset now,
        Func<DateOnly, DateOnly, string?, bool, string> mentionsOf, IStringLocalizer<UiText> t)
    {
        var w = insights.WorkspaceId;
        var c = insights.Current;
        var p = insights.Previous;
        var lines = new List<Line>();

        if (incidents.Count > 0)
        {
            var incident = incidents[0];
            lines.Add(new Line("incident", t["InsStoryIncident", incident.Title, incident.Size, TimeAgo.Format(now - incident.StartedAt, t)],
                $"/w/{w}/alerts/incidents/{incident.Id}", t["InsStoryIncidentLink"], Alert: true));
        }

        // Only the days that have begun: the rest of the month is not calm, it has not happened yet.
        var days = insights.Trend.Where(d => d.Day <= today).ToList();
        if (days.Count > 1)
        {
            var peak = days.OrderByDescending(d => d.Negative).ThenByDescending(d => d.Day).First();
            var others = days.Where(d => d != peak).Average(d => d.Negative);
            if (IsSpike(peak.Negative, others))
            {
                lines.Add(new Line("spike", t["InsStorySpike", peak.Day.ToString("d MMM", CultureInfo.CurrentCulture), peak.Negative, Number(others)],
                    mentionsOf(peak.Day, peak.Day, "sentiment=negative", true), t["InsStorySpikeLink"]));
            }
        }

        if (c.Response.Whole > 0)
        {
            var waiting = c.Response.Whole - c.Response.Part;
            lines.Add(waiting > 0
                ? new Line("waiting", t[waiting == 1 ? "InsStoryWaiting_one" : "InsStoryWaiting", waiting, c.Response.Part, c.Response.Whole],
                    $"/w/{w}/inbox?status=open", t["InsStoryWaitingLink"])
                : new Line("answered", t["InsStoryAllAnswered", c.Response.Whole]));
        }

        if (c.Monologue.Percent is { } monologue)
        {
            var before = p.Monologue.Percent;
            lines.Add(new Line("monologue", before is null ? t["InsStoryMonologueNow", Percent(monologue)]
                : monologue < before ? t["InsStoryMonologueDown", Percent(before), Percent(monologue)]
                : monologue > before ? t["InsStoryMonologueUp", Percent(before), Percent(monologue)]
                : t["InsStoryMonologueSame", Percent(monologue)]));
        }

        if (c.EngagedCommunity > 0)
        {
            lines.Add(new Line("engaged", t[c.EngagedCommunity == 1 ? "InsStoryEngaged_one" : "InsStoryEngaged", c.EngagedCommunity],
                $"/w/{w}/contacts", t["InsStoryEngagedLink"]));
        }
        return lines;
    }

    /// <summary>42,9 % in Spanish, 42.9 % in English.</summary>
    public static string Percent(double? value) => value is { } v ? Number(v) + " %" : "–";

    private static string Number(double value) => value.ToString("0.#", CultureInfo.CurrentCulture);
}
