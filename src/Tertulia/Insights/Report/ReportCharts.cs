using System.Globalization;
using Microsoft.Extensions.Localization;
using ScottPlot;
using Tertulia.Documents;
using Tertulia.Insights.Metrics;
using Tertulia.Web;

namespace Tertulia.Insights.Report;

/// <summary>A chart drawn on the server: a PNG for the PDF, an SVG for the HTML report, the same drawing.</summary>
public sealed record ReportChart(string Id, string Title, byte[] Png, string Svg);

/// <summary>The report's charts, drawn with ScottPlot in the documents' embedded font, so no browser is needed.</summary>
public static class ReportCharts
{
    private const int Width = 900;
    private static readonly Color Positive = Color.FromHex("#3C8D5A");
    private static readonly Color Neutral = Color.FromHex("#B8BEC4");
    private static readonly Color Negative = Color.FromHex("#C0392B");
    private static readonly Color Current = Color.FromHex("#2F6B4F");
    private static readonly Color Before = Color.FromHex("#C9D6CF");

    public static List<ReportChart> Draw(PeriodInsights insights, IStringLocalizer<UiText> t)
    {
        EmbeddedFonts.Install();
        var charts = new List<ReportChart>
        {
            Render("rep-trend", t["InsTrend"], Trend(insights, t), 300),
            Render("rep-conversation", t["RepConversation"], Conversation(insights, t), 260),
        };
        if (insights.ShareOfVoice.Count > 0)
        {
            charts.Add(Render("rep-voice", t["InsShareOfVoice"], Voice(insights, t), 60 + 40 * insights.ShareOfVoice.Count));
        }
        return charts;
    }

    private static ReportChart Render(string id, string title, Plot plot, int height)
    {
        // The title is the document's text (a heading in the PDF, a caption in the page), not pixels.
        return new ReportChart(id, title, plot.GetImageBytes(Width, height, ImageFormat.Png), plot.GetSvgXml(Width, height));
    }

    /// <summary>The customers' messages per day, stacked by sentiment.</summary>
    private static Plot Trend(PeriodInsights insights, IStringLocalizer<UiText> t)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (var i = 0; i < insights.Trend.Count; i++)
        {
            var day = insights.Trend[i];
            double below = 0;
            foreach (var (value, color) in new[] { (day.Negative, Negative), (day.Neutral, Neutral), (day.Positive, Positive) })
            {
                if (value > 0)
                {
                    bars.Add(new Bar { Position = i, ValueBase = below, Value = below + value, FillColor = color, LineWidth = 0 });
                }
                below += value;
            }
        }
        if (bars.Count > 0)
        {
            plot.Add.Bars(bars);
        }
        var step = Math.Max(1, (int)Math.Ceiling(insights.Trend.Count / 15.0));
        var ticks = Enumerable.Range(0, insights.Trend.Count).Where(i => i % step == 0).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            ticks.Select(i => (double)i).ToArray(),
            ticks.Select(i => insights.Trend[i].Day.ToString(insights.Trend.Count > 7 ? "d/M" : "ddd d", CultureInfo.CurrentCulture)).ToArray());
        plot.Axes.SetLimitsX(-0.6, Math.Max(insights.Trend.Count, 1) - 0.4);
        var top = insights.Trend.Count == 0 ? 0 : insights.Trend.Max(d => d.Positive + d.Neutral + d.Negative);
        plot.Axes.SetLimitsY(0, Math.Max(top * 1.15, 4));
        Legend(plot, (t["InsNegative"], Negative), (t["InsNeutral"], Neutral), (t["InsPositive"], Positive));
        return plot;
    }

    /// <summary>Response rate, dialogue ratio and monologue index: the period before beside this one, in percent.</summary>
    private static Plot Conversation(PeriodInsights insights, IStringLocalizer<UiText> t)
    {
        var plot = new Plot();
        var figures = new[]
        {
            (t["InsResponseRate"].Value, insights.Previous.Response.Percent, insights.Current.Response.Percent),
            (t["InsDialogue"].Value, insights.Previous.Dialogue.Percent, insights.Current.Dialogue.Percent),
            (t["InsMonologue"].Value, insights.Previous.Monologue.Percent, insights.Current.Monologue.Percent),
        };
        var bars = new List<Bar>();
        for (var i = 0; i < figures.Length; i++)
        {
            var (_, before, now) = figures[i];
            bars.Add(new Bar { Position = i * 3, Value = before ?? 0, FillColor = Before, LineWidth = 0, ValueLabel = ReportHeadlines.Percent(before) });
            bars.Add(new Bar { Position = i * 3 + 1, Value = now ?? 0, FillColor = Current, LineWidth = 0, ValueLabel = ReportHeadlines.Percent(now) });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.ValueLabelStyle.FontSize = 13;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            figures.Select((_, i) => i * 3 + 0.5).ToArray(), figures.Select(f => f.Item1).ToArray());
        plot.Axes.SetLimitsY(0, 115);
        plot.Axes.SetLimitsX(-1, figures.Length * 3 - 0.5);
        Legend(plot, (t["InsPreviousPeriod"], Before), (t["InsThisPeriod"], Current));
        return plot;
    }

    /// <summary>Each brand or competitor query's share of their mentions.</summary>
    private static Plot Voice(PeriodInsights insights, IStringLocalizer<UiText> t)
    {
        var plot = new Plot();
        var voices = insights.ShareOfVoice.Reverse().ToList();
        var bars = voices.Select((v, i) => new Bar
        {
            Position = i, Value = v.Share ?? 0, FillColor = v.Role == "brand" ? Current : Neutral, LineWidth = 0,
            ValueLabel = ReportHeadlines.Percent(v.Share), Orientation = Orientation.Horizontal,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            voices.Select((_, i) => (double)i).ToArray(), voices.Select(v => v.Name).ToArray());
        plot.Axes.SetLimitsX(0, 115);
        return plot;
    }

    private static void Legend(Plot plot, params (string Label, Color Color)[] items)
    {
        foreach (var (label, color) in items)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color });
        }
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
    }
}
