using System.Globalization;
using Microsoft.Extensions.Localization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Tertulia.Documents;
using Tertulia.Insights.Metrics;
using Tertulia.Web;

namespace Tertulia.Insights.Report;

/// <summary>
/// The management report as a PDF, made in process with PDFsharp (MIT) and ScottPlot (MIT): a first page of
/// headline sentences, figures and charts; then the customers' words, the open ideas and the incidents.
/// </summary>
public sealed class ReportPdf(IStringLocalizer<UiText> t, ReadInsights read)
{
    private static readonly XColor Accent = XColor.FromArgb(0x2F, 0x6B, 0x4F);

    public byte[] Render(ManagementReport report)
    {
        var i = report.Insights;
        using var document = new PdfDocument();
        document.Info.Title = $"{t["RepTitle"]} — {i.WorkspaceName}";
        document.Info.Creator = "Tertulia";
        var writer = new PdfPageWriter(document, Accent);
        var charts = ReportCharts.Draw(i, t);

        writer.Line($"{t["RepTitle"]} · {i.WorkspaceName}", 17, bold: true);
        writer.Line(t["RepPeriod", Day(i.Period.From), Day(i.Period.To), Day(i.PreviousPeriod.From), Day(i.PreviousPeriod.To)], 9, color: XColors.DimGray);
        writer.Gap(6);
        writer.Line(t["RepInAFewWords"], 12, bold: true, color: Accent);
        foreach (var headline in report.Headlines)
        {
            writer.Paragraph("• " + headline, 9.5, indent: 0);
        }
        writer.Gap(4);
        writer.Table([t["InsFigure"], t["InsThisPeriod"], t["InsPreviousPeriod"]], ReportFigures.Rows(i, t), size: 8.5);
        Chart(writer, charts[0], 1);
        Chart(writer, charts[1], 0.8);

        writer.NewPage();
        if (charts.Count > 2)
        {
            Chart(writer, charts[2], 0.8);
        }
        Quotes(writer, t["RepBestPraise"], report.BestPraise);
        Quotes(writer, t["RepWorstComplaints"], report.WorstComplaints);

        writer.Line(t["RepOpenIdeas"], 12, bold: true, color: Accent);
        if (report.OpenIdeas.Count == 0)
        {
            writer.Paragraph(t["RepNothing"], 9.5, XColors.DimGray);
        }
        foreach (var idea in report.OpenIdeas)
        {
            writer.Paragraph($"• {idea.Title} ({t["RepIdeaStatus_" + idea.Status]}) — {ReportHeadlines.Counted(t, "RepSuggestions", idea.Suggestions, idea.SuggestionsInPeriod)}", 9.5);
        }
        writer.Gap(6);
        writer.Line(t["RepIncidentsTitle"], 12, bold: true, color: Accent);
        if (report.Incidents.Count == 0)
        {
            writer.Paragraph(t["RepNoIncidents"], 9.5, XColors.DimGray);
        }
        foreach (var incident in report.Incidents)
        {
            writer.Paragraph($"• {incident.Title} — {t["RepIncidentSize", incident.Size, incident.Level]}, " +
                (incident.ClosedAt is { } closed ? t["RepIncidentClosed", Day(Local(closed))] : t["RepIncidentOpen"]), 9.5);
        }
        writer.Gap(10);
        writer.Paragraph(t["RepGenerated", Local(report.GeneratedAt).ToString("g", CultureInfo.CurrentCulture)], 8, XColors.DimGray);
        writer.Dispose();

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>informe-horno-2026-11-01-2026-11-30.pdf</summary>
    public static string FileName(ManagementReport report)
    {
        var slug = new string(report.Insights.WorkspaceName.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(ch => char.IsAsciiLetterOrDigit(ch) || ch == ' ').ToArray()).Trim().Replace(' ', '-');
        var name = report.Language == "en" ? "report" : "informe";
        return $"{name}-{(slug.Length == 0 ? "tertulia" : slug)}-{report.Insights.Period.From:yyyy-MM-dd}-{report.Insights.Period.To:yyyy-MM-dd}.pdf";
    }

    private static void Chart(PdfPageWriter writer, ReportChart chart, double share)
    {
        writer.Room(writer.Width * share / 3);
        writer.Line(chart.Title, 10.5, bold: true, color: Accent);
        writer.Image(chart.Png, writer.Width * share);
    }

    private void Quotes(PdfPageWriter writer, string title, IReadOnlyList<ReportQuote> quotes)
    {
        writer.Line(title, 12, bold: true, color: Accent);
        if (quotes.Count == 0)
        {
            writer.Paragraph(t["RepNothing"], 9.5, XColors.DimGray);
        }
        foreach (var quote in quotes)
        {
            writer.Paragraph($"«{quote.Text}»", 9.5, indent: 8);
            writer.Paragraph($"— {ReportHeadlines.Person(quote.Author)}, {quote.Channel}, {Day(DateOnly.FromDateTime(Local(quote.Published).DateTime))}", 8, XColors.DimGray, indent: 8);
            writer.Gap(3);
        }
        writer.Gap(6);
    }

    private DateTimeOffset Local(DateTimeOffset when) => TimeZoneInfo.ConvertTime(when, read.Zone);

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.CurrentCulture);

    private static string Day(DateTimeOffset when) => when.ToString("d MMM yyyy", CultureInfo.CurrentCulture);
}
