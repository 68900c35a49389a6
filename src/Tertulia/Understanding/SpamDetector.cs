using System.Text.RegularExpressions;

namespace Tertulia.Understanding;

/// <summary>
/// Flags the junk a listening tool drowns in: money and crypto schemes, "follow me", adult and casino bait, phone or
/// WhatsApp hooks, and link or hashtag floods. Two cues make spam; one is not enough ("oferta" alone is a normal word).
/// </summary>
public static partial class SpamDetector
{
    public static bool IsSpam(string? text) =>
        !string.IsNullOrWhiteSpace(text) && IsSpam(text, IntentClassifier.Fold(text));

    /// <summary>As above, with the text already folded by <see cref="IntentClassifier.Fold"/>.</summary>
    public static bool IsSpam(string text, string folded)
    {
        var links = Links().Count(folded);
        var cues = SpamCues().Count(folded) * 2 + WeakCues().Count(folded);
        cues += links >= 3 ? 2 : links;
        cues += Count(text, '#') >= 6 ? 2 : 0;
        cues += Count(text, '@') >= 6 ? 1 : 0;
        return cues >= 3;
    }

    private static int Count(string text, char c) => text.AsSpan().Count(c);

    [GeneratedRegex(@"\b(gana (dinero|\d+)|ganar dinero|dinero facil|trabaja desde casa|haz clic|click here|clic aqui|sigueme|siganme|follow me|follow back|followers gratis|seguidores gratis|compra seguidores|buy followers|bitcoin|criptomonedas?|crypto|forex|inversion garantizada|casino|apuestas? (gratis|seguras)|xxx|contenido (para adultos|\+18)|onlyfans|whatsapp\s*\+?\d|escribeme al|premio garantizado|has sido seleccionad[oa]|you have won|limited offer|oferta limitada|(loss|diet|weight) pills|no prescription|viagra|cialis|best prices|cheap-[a-z-]+|dot (biz|com|net)|\.biz\b)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SpamCues();

    [GeneratedRegex(@"\b(gratis|free|oferta|descuento|promo|codigo|sorteo|gana|ganar|link in bio|enlace en (la )?bio|dm|md)\b|\+?\d[\d\s]{8,}\d|%\s*off", RegexOptions.CultureInvariant)]
    private static partial Regex WeakCues();

    [GeneratedRegex(@"https?://|www\.")]
    private static partial Regex Links();
}
