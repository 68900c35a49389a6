using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Tertulia.Documents;

/// <summary>
/// Writes down A4 pages with PDFsharp: wrapped paragraphs, labelled bars, small tables and images, starting a new
/// page when one is full. The reports of every capability are written with it, in <see cref="EmbeddedFonts"/>.
/// </summary>
public sealed class PdfPageWriter : IDisposable
{
    public const double Margin = 50;

    private readonly PdfDocument _document;
    private readonly XColor _accent;
    private PdfPage _page = null!;
    private XGraphics _g = null!;
    private double _y;

    public PdfPageWriter(PdfDocument document, XColor accent)
    {
        EmbeddedFonts.Install();
        _document = document;
        _accent = accent;
        NewPage();
    }

    public double Width => _page.Width.Point - 2 * Margin;

    /// <summary>The pages written so far (1 while the first one is being filled).</summary>
    public int Pages => _document.PageCount;

    public void NewPage()
    {
        _g?.Dispose();
        _page = _document.AddPage();
        _page.Size = PdfSharp.PageSize.A4;
        _g = XGraphics.FromPdfPage(_page);
        _y = Margin;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void Room(double height)
    {
        if (_y + height > _page.Height.Point - Margin)
        {
            NewPage();
        }
    }

    public static XFont Font(double size, bool bold) => new(EmbeddedFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    public void Gap(double points) => _y += points;

    public void Line(string text, double size, bool bold = false, XColor? color = null) => Paragraph(text, size, color, bold);

    public void Paragraph(string text, double size, XColor? color = null, bool bold = false, double indent = 0)
    {
        var font = Font(size, bold);
        var brush = new XSolidBrush(color ?? XColors.Black);
        var height = size * 1.35;
        foreach (var line in Wrap(text, font, Width - indent))
        {
            Room(height);
            _g.DrawString(line, font, brush, new XRect(Margin + indent, _y, Width - indent, height), XStringFormats.TopLeft);
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
        _g.DrawRectangle(new XSolidBrush(_accent), x, _y + 2, barWidth * Math.Clamp(percent, 0, 100) / 100.0, height - 4);
        var figure = $"{percent} %" + (change is { } c and not 0 ? $" ({(c > 0 ? "+" : "")}{c})" : "");
        _g.DrawString(figure, font, XBrushes.Black, new XRect(x + barWidth + 6, _y, Width - labelWidth - barWidth - 6, height), XStringFormats.CenterLeft);
        _y += height + 4;
    }

    /// <summary>Rows of cells; the first column takes <paramref name="firstColumn"/> of the width, the others share the rest.</summary>
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, double firstColumn = 0.46, double size = 9)
    {
        var height = size * 1.6;
        var others = (Width * (1 - firstColumn)) / Math.Max(1, header.Count - 1);
        void Row(IReadOnlyList<string> cells, bool bold)
        {
            Room(height);
            var font = Font(size, bold);
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var width = i == 0 ? Width * firstColumn : others;
                _g.DrawString(Fit(cells[i], font, width - 4), font, XBrushes.Black, new XRect(x, _y, width - 4, height),
                    i == 0 ? XStringFormats.CenterLeft : XStringFormats.CenterRight);
                x += width;
            }
            _y += height;
            _g.DrawLine(new XPen(XColor.FromArgb(0xDD, 0xDD, 0xDD), 0.5), Margin, _y, Margin + Width, _y);
        }
        Row(header, bold: true);
        foreach (var row in rows)
        {
            Row(row, bold: false);
        }
        _y += 4;
    }

    /// <summary>A PNG drawn at the full text width (or <paramref name="width"/> points), keeping its proportions.</summary>
    public void Image(byte[] png, double? width = null)
    {
        using var stream = new MemoryStream(png);
        using var image = XImage.FromStream(stream);
        var w = Math.Min(width ?? Width, Width);
        var h = w * image.PixelHeight / image.PixelWidth;
        Room(h);
        _g.DrawImage(image, Margin, _y, w, h);
        _y += h + 6;
    }

    private string Fit(string text, XFont font, double width)
    {
        if (_g.MeasureString(text, font).Width <= width)
        {
            return text;
        }
        while (text.Length > 1 && _g.MeasureString(text + "…", font).Width > width)
        {
            text = text[..^1];
        }
        return text + "…";
    }

    private IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        var line = "";
        foreach (var word in text.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && _g.MeasureString(candidate, font).Width > width)
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

    public void Dispose()
    {
        _g?.Dispose();
        _g = null!;
    }
}
