using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Tertulia.Documents;

namespace Tertulia.Assessment;

/// <summary>
/// The result as a PDF for management: the verdict, a bar per dimension (with the change since the previous
/// attempt), the plan, and each question with the answer given and what the data said.
/// </summary>
public sealed class ReadinessPdf
{
    private static readonly XColor Accent = XColor.FromArgb(0x2F, 0x6B, 0x4F);

    public byte[] Render(string workspaceName, ReadinessAttempt attempt, ReadinessText text)
    {
        using var document = new PdfDocument();
        var title = text["ReadinessTitle"];
        document.Info.Title = $"{title} — {workspaceName}";
        document.Info.Creator = "Tertulia";
        var writer = new PdfPageWriter(document, Accent);
        var result = attempt.Result;
        var r = result.Recommendation;

        writer.Line(title, 18, bold: true);
        writer.Line($"{workspaceName} · {attempt.Check.TakenAt.ToString("d MMMM yyyy", CultureInfo.CurrentUICulture)}" +
            (attempt.Check.Respondent is { } who ? $" · {who}" : ""), 10, color: XColors.DimGray);
        writer.Gap(10);
        writer.Line(text.Verdict(r), 15, bold: true, color: r.Verdict == Verdict.BePresent ? Accent : XColors.DarkRed);
        foreach (var reason in text.Reasons(r))
        {
            writer.Paragraph(reason, 10);
        }
        writer.Gap(6);
        writer.Bar(text["ReadinessReasonsScore"], result.ReasonsPercent, null);
        writer.Bar(text["ReadinessReadinessScore"], result.ReadinessPercent, null);
        writer.Gap(6);
        writer.Line(text["ReadinessScores"], 12, bold: true);
        foreach (var d in result.Dimensions)
        {
            writer.Bar(text.Dimension(d.Key), d.Percent, attempt.Change(d.Key));
        }

        writer.Gap(8);
        writer.Line(text["ReadinessRecommendation"], 12, bold: true);
        if (r.FirstSteps.Count > 0)
        {
            writer.Line(text["ReadinessFirstSteps"], 10, bold: true);
            foreach (var step in text.FirstSteps(r))
            {
                writer.Paragraph("• " + step, 10);
            }
        }
        writer.Pair(text["ReadinessChannels"], text.Channels(r));
        writer.Pair(text["ReadinessCadence"], text.Cadence(r));
        writer.Pair(text["ReadinessWho"], text.WhoAnswers(r));
        writer.Pair(text["ReadinessMeasure"], string.Join("; ", text.MeasureFirst(r)));

        writer.Gap(8);
        foreach (var d in result.Dimensions)
        {
            writer.Line(text.Question(d.Key), 10, bold: true);
            writer.Paragraph($"{text["ReadinessYourAnswer"]}: {text.Answer(d.Key, d.Answer)}", 9);
            var evidence = text.Evidence(d.Key, attempt.Evidence);
            if (evidence.Count > 0)
            {
                writer.Paragraph($"{text["ReadinessDataSays"]}: {text.Answer(d.Key, d.EvidenceAnswer)}. {string.Join(" ", evidence)}", 9, Accent);
            }
            writer.Gap(3);
        }
        writer.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }
}
