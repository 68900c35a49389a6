using PdfSharp.Fonts;

namespace Tertulia.Assessment;

/// <summary>
/// The PDF's fonts (DejaVu Sans, shipped in Assessment/Content/Fonts with its licence): PDFsharp's core build finds no
/// system fonts on Linux, and a server may have none, so the report never depends on what is installed.
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
        using var stream = typeof(EmbeddedFonts).Assembly.GetManifestResourceStream($"Assessment/Content/Fonts/{faceName}.ttf")
            ?? throw new InvalidOperationException($"Font {faceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static readonly Lock Setting = new();

    /// <summary>
    /// PDFsharp takes its font resolver as one process-wide setting, which may be set only once; every app in the
    /// process (tests start several) shares this one.
    /// </summary>
    public static void Install()
    {
        lock (Setting)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFonts)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFonts();
            }
        }
    }
}
