using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Tertulia.Assessment;

/// <summary>
/// The result as a PDF for management: the verdict, a bar per dimension (with the change since the previous
/// attempt), the plan, and each question with the answer given and what the data said.
/// </summary>
public sealed class ReadinessPdf
{
    private const double Margin = 50;
    private static readonly XColor Accent = XColor.FromArgb(0x2F, 0x6B, 0x4F);

    public ReadinessPdf() => EmbeddedFonts.Install();

    public byte[] Render(string workspaceName, ReadinessAttempt attempt, ReadinessText text)
    {
        using var document = new PdfDocument();
        var title = text["ReadinessTitle"];
        document.Info.Title = $"{title} — {workspaceName}";
        document.Info.Creator = "Tertulia";
        var writer = new Writer(document);
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
        writer.Finish();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>Writes down the page, wrapping words and starting a new page when one is full.</summary>
    private sealed class Writer
    {
        private readonly PdfDocument _document;
        private PdfPage _page = null!;
        private XGraphics _g = null!;
        private double _y;

        public Writer(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        private double Width => _page.Width.Point - 2 * Margin;

        private void NewPage()
        {
            _g?.Dispose();
            _page = _document.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _g = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        private void Room(double height)
        {
            if (_y + height > _page.Height.Point - Margin)
            {
                NewPage();
            }
        }

        private static XFont Font(double size, bool bold) => new(EmbeddedFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

        public void Gap(double points) => _y += points;

        public void Line(string text, double size, bool bold = false, XColor? color = null) => Paragraph(text, size, color, bold);

        public void Paragraph(string text, double size, XColor? color = null, bool bold = false)
        {
            var font = Font(size, bold);
            var brush = new XSolidBrush(color ?? XColors.Black);
            var height = size * 1.35;
            foreach (var line in Wrap(text, font))
            {
                Room(height);
                _g.DrawString(line, font, brush, new XRect(Margin, _y, Width, height), XStringFormats.TopLeft);
                _y += height;
            }
        }

        public void Pair(string label, string value)
        {
            Paragraph(label, 10, bold: true);
            Paragraph(value, 10);
            _y += 2;
        }

        public void Bar(string label, int percent, int? change)
        {
            const double height = 14;
            Room(height + 4);
            var font = Font(9, false);
            var labelWidth = Width * 0.38;
            var barWidth = Width * 0.45;
            _g.DrawString(label, font, XBrushes.Black, new XRect(Margin, _y, labelWidth, height), XStringFormats.CenterLeft);
            var x = Margin + labelWidth;
            _g.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xE6, 0xEC, 0xE8)), x, _y + 2, barWidth, height - 4);
            _g.DrawRectangle(new XSolidBrush(Accent), x, _y + 2, barWidth * Math.Clamp(percent, 0, 100) / 100.0, height - 4);
            var figure = $"{percent} %" + (change is { } c and not 0 ? $" ({(c > 0 ? "+" : "")}{c})" : "");
            _g.DrawString(figure, font, XBrushes.Black, new XRect(x + barWidth + 6, _y, Width - labelWidth - barWidth - 6, height), XStringFormats.CenterLeft);
            _y += height + 4;
        }

        private IEnumerable<string> Wrap(string text, XFont font)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && _g.MeasureString(candidate, font).Width > Width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            if (line.Length > 0)
            {
                yield return line;
            }
        }

        public void Finish() => _g.Dispose();
    }
}
