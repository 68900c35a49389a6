using System.Globalization;
using Microsoft.Extensions.Localization;
using Tertulia.Insights.Metrics;
using Tertulia.Web;

namespace Tertulia.Insights.Report;

/// <summary>
/// One plain sentence per headline figure, in the reader's language ("respondisteis al 78 % de los clientes, en una
/// mediana de 2 h"): the figures are the report's own, formatted in the current culture.
/// </summary>
public static class ReportHeadlines
{
    public static List<string> Write(PeriodInsights insights, IReadOnlyList<ReportIncident> incidents, IStringLocalizer<UiText> t)
    {
        var c = insights.Current;
        var p = insights.Previous;
        var lines = new List<string>
        {
            t["RepVolume", c.Mentions, p.Mentions, Signed(c.Sentiment.Net), Signed(p.Sentiment.Net)],
        };

        if (c.Response.Whole == 0)
        {
            lines.Add(t["RepNoneNeeded"]);
        }
        else
        {
            var response = t["RepResponse", Percent(c.Response.Percent), c.Response.Part, c.Response.Whole, Duration(c.MedianResponseMinutes, t)].Value;
            if (p.Response.Whole > 0)
            {
                response += " " + t["RepResponseBefore", Percent(p.Response.Percent)];
            }
            lines.Add(response);
            if (c.Response.Whole > c.Response.Part)
            {
                lines.Add(Counted(t, "RepUnanswered", c.Response.Whole - c.Response.Part));
            }
        }

        if (c.Monologue.Whole == 0)
        {
            lines.Add(t["RepNoBrand"]);
        }
        else
        {
            var now = c.Monologue.Percent;
            var before = p.Monologue.Percent;
            lines.Add(before is null ? t["RepMonologueNow", Percent(now), c.Monologue.Part, c.Monologue.Whole]
                : now < before ? t["RepMonologueDown", Percent(before), Percent(now)]
                : now > before ? t["RepMonologueUp", Percent(before), Percent(now)]
                : t["RepMonologueSame", Percent(now)]);
            lines.Add(t["RepDialogue", Percent(c.Dialogue.Percent), c.Dialogue.Part, c.Dialogue.Whole]);
        }

        lines.Add(Counted(t, "RepCommunity", c.EngagedCommunity, c.ReturningCustomers, c.ActiveCustomers));
        lines.Add(incidents.Count == 0 ? t["RepNoIncidents"] : Counted(t, "RepIncidents", incidents.Count, incidents[0].Title, incidents[0].Size));
        return lines;
    }

    /// <summary>The sentence for a count of one ("1 cliente sigue…") or of several ("3 clientes siguen…").</summary>
    public static string Counted(IStringLocalizer<UiText> t, string key, int count, params object[] rest) =>
        t[count == 1 ? key + "One" : key, [count, .. rest]];

    /// <summary>A customer as the report names them: "Lucía", not "Lucía &lt;lucia@correo.es&gt;".</summary>
    public static string Person(string? author)
    {
        if (string.IsNullOrWhiteSpace(author))
        {
            return "?";
        }
        var angle = author.IndexOf('<');
        var name = angle > 0 ? author[..angle].Trim().Trim('"') : author.Trim();
        return name.Contains('@') && !name.StartsWith('@') ? name[..name.IndexOf('@')] : name;
    }

    /// <summary>66,7 % in Spanish, 66.7 % in English; a dash when there is nothing to divide.</summary>
    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.#", CultureInfo.CurrentCulture) + " %" : "–";

    public static string Signed(double? value) =>
        value is { } v ? (v > 0 ? "+" : "") + v.ToString("0.#", CultureInfo.CurrentCulture) : "–";

    /// <summary>45 min, 1 h 15 min, 3 d 4 h.</summary>
    public static string Duration(double? minutes, IStringLocalizer<UiText> t)
    {
        if (minutes is not { } m)
        {
            return "–";
        }
        var total = (long)Math.Round(m);
        if (total < 60)
        {
            return $"{total} min";
        }
        if (total < 48 * 60)
        {
            var rest = total % 60;
            return rest == 0 ? $"{total / 60} h" : $"{total / 60} h {rest} min";
        }
        var hours = total / 60 % 24;
        return hours == 0 ? t["RepDays", total / 1440] : t["RepDaysHours", total / 1440, hours];
    }
}
