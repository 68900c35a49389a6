using PdfSharp.Fonts;
using SkiaSharp;

namespace Tertulia.Documents;

/// <summary>
/// The fonts of every document Tertulia makes (DejaVu Sans, shipped in Documents/Fonts with its licence): PDFsharp's
/// core build finds no system fonts on Linux, and a server may have none, so PDFs and the charts drawn into them
/// never depend on what is installed.
/// </summary>
public sealed class EmbeddedFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, false, italic);

    public byte[] GetFont(string faceName)
    {
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"Documents/Fonts/{faceName}.ttf")
            ?? throw new InvalidOperationException($"Font {faceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static readonly Lock Setting = new();

    /// <summary>
    /// PDFsharp and ScottPlot each take their fonts as one process-wide setting, which PDFsharp lets set only once;
    /// every app in the process (tests start several) shares these.
    /// </summary>
    public static void Install()
    {
        lock (Setting)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            }
            if (!ScottPlot.Fonts.FontResolvers.OfType<ChartFonts>().Any())
            {
                var fonts = new EmbeddedFonts();
                ScottPlot.Fonts.FontResolvers.Insert(0, new ChartFonts(fonts.GetFont(Regular), fonts.GetFont(Bold)));
                ScottPlot.Fonts.Default = Family;
                ScottPlot.Fonts.Sans = Family;
            }
        }
    }

    /// <summary>The same faces for ScottPlot's charts, whatever family a chart asks for.</summary>
    private sealed class ChartFonts(byte[] regular, byte[] bold) : ScottPlot.IFontResolver
    {
        private readonly SKTypeface _regular = SKTypeface.FromData(SKData.CreateCopy(regular));
        private readonly SKTypeface _bold = SKTypeface.FromData(SKData.CreateCopy(bold));

        public SKTypeface CreateTypeface(string fontName, bool bold, bool italic) => bold ? _bold : _regular;

        public SKTypeface CreateTypeface(string fontName, ScottPlot.FontWeight weight, ScottPlot.FontSlant slant, ScottPlot.FontSpacing spacing) =>
            weight >= ScottPlot.FontWeight.SemiBold ? _bold : _regular;
    }
}
