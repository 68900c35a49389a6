using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Tertulia.Publishing.Score;

/// <summary>
/// What the value score looks at in a post, each signal scaled to 0–1 and named so the composer can say why:
/// talk about the brand (self-reference, its name, selling words, calls to buy, links to its shop, prices, shouting)
/// against talk with the community (questions to it, tips and useful facts, thanks, people mentioned, answers to what
/// customers asked, neighbourhood news). Spanish and English word lists, matched without accents.
/// </summary>
public static partial class PostFeatures
{
    public static readonly string[] Names =
    [
        "self_reference", "brand_name", "promo_words", "call_to_buy", "shop_link", "price", "shouting",
        "question", "tip", "thanks", "people", "answer", "community",
    ];

    /// <summary>Signals that pull towards promotion (shown as "lowers the score" reasons when present).</summary>
    public static readonly HashSet<string> Promotional = ["self_reference", "brand_name", "promo_words", "call_to_buy", "shop_link", "price", "shouting"];

    public static double[] Of(string text, IReadOnlyCollection<string> brandNames)
    {
        var flat = Fold(text);
        var words = Words().Matches(flat).Select(m => m.Value).ToList();
        var count = Math.Max(words.Count, 1);
        var features = new double[Names.Length];
        features[0] = Math.Min(1, words.Count(SelfWords.Contains) * 8.0 / count);
        features[1] = Math.Min(1, brandNames.Where(b => b.Length > 1).Sum(b => Occurrences(flat, Fold(b))) / 2.0);
        features[2] = Math.Min(1, Hits(flat, PromoPhrases) / 2.0 + (Percent().IsMatch(flat) ? 0.5 : 0));
        features[3] = Math.Min(1, Hits(flat, BuyPhrases) / 2.0);
        features[4] = ShopLink().IsMatch(flat) ? 1 : 0;
        features[5] = Price().IsMatch(flat) ? 1 : 0;
        var shouted = Shouted().Matches(text).Count;
        features[6] = Math.Min(1, shouted / 2.0 + (text.Contains("!!", StringComparison.Ordinal) ? 0.5 : 0));
        features[7] = text.Contains('?') && (Hits(flat, AskPhrases) > 0 || words.Any(YouWords.Contains)) ? 1 : text.Contains('?') ? 0.5 : 0;
        features[8] = Math.Min(1, Hits(flat, TipPhrases) / 2.0 + Math.Min(2, Quantities().Matches(flat).Count) / 4.0);
        features[9] = Hits(flat, ThanksPhrases) > 0 ? 1 : 0;
        features[10] = Math.Min(1, Handles().Matches(text).Count + (ProperName().IsMatch(text) ? 0.5 : 0));
        features[11] = Hits(flat, AnswerPhrases) > 0 ? 1 : 0;
        features[12] = Math.Min(1, Hits(flat, CommunityPhrases) / 2.0);
        return features;
    }

    /// <summary>Lower case without accents: "Pídelo" and "pidelo" are one word to these lists.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static int Hits(string flat, string[] phrases) => phrases.Count(p => Occurrences(flat, p) > 0);

    private static int Occurrences(string flat, string phrase)
    {
        var n = 0;
        for (var at = flat.IndexOf(phrase, StringComparison.Ordinal); at >= 0; at = flat.IndexOf(phrase, at + phrase.Length, StringComparison.Ordinal))
        {
            var before = at == 0 || !char.IsLetterOrDigit(flat[at - 1]);
            var end = at + phrase.Length;
            var after = end >= flat.Length || !char.IsLetterOrDigit(flat[end]) || phrase.EndsWith(' ');
            if (before && after)
            {
                n++;
            }
        }
        return n;
    }

    private static readonly HashSet<string> SelfWords =
    [
        "nuestro", "nuestra", "nuestros", "nuestras", "nosotros", "nosotras", "somos", "tenemos", "ofrecemos",
        "our", "ours", "we", "we're", "us",
    ];

    private static readonly HashSet<string> YouWords =
    [
        "os", "vosotros", "vosotras", "vuestro", "vuestra", "vuestros", "vuestras", "alguien", "quien", "you", "your", "anyone", "someone",
    ];

    private static readonly string[] PromoPhrases =
    [
        "oferta", "ofertas", "descuento", "descuentos", "rebajas", "promo", "promocion", "2x1", "3x2", "liquidacion", "novedad", "nuevo en",
        "ya disponible", "a la venta", "ya tenemos", "solo hoy", "solo esta semana", "ultimos dias", "ultima semana", "hasta agotar", "plazas limitadas",
        "unidades limitadas", "sorteo", "de regalo", "envio gratis", "mejor precio", "los mejores", "las mejores", "el mejor", "la mejor", "black friday",
        "sale", "off", "deal", "deals", "discount", "clearance", "bogo", "giveaway", "free shipping", "free delivery", "limited", "last spots", "only at",
        "the best", "best prices", "new range", "new collection", "special", "% off", "this week only", "last days", "pay for 2", "price of one",
    ];

    private static readonly string[] BuyPhrases =
    [
        "compra", "compralo", "comprala", "pide", "pidelo", "pidela", "pidelas", "encarga", "encargala", "reserva", "resérvala", "reservala", "apuntate",
        "visita", "visitanos", "ven a", "ven y", "pasate", "llama", "descubre", "descubrela", "consigue", "consiguelo", "aprovecha", "corre", "no te lo pierdas",
        "te esperamos", "no dejes pasar", "ya estas tardando", "hazte socio", "suscribete", "pide cita", "regala", "infórmate", "informate",
        "buy", "order", "shop now", "shop online", "book now", "book your", "visit", "come to", "come try", "come in", "grab", "sign up", "hurry",
        "don't miss", "get yours", "get it now", "link in bio", "reserve", "pre-order", "subscribe", "join the", "we're waiting", "see you there",
    ];

    private static readonly string[] AskPhrases =
    [
        "que os", "cual es", "cuales", "como lo", "como lleva", "como limpia", "quien", "alguien", "contadnos", "decidnos", "queremos saber", "nos contais",
        "what's your", "what are you", "which", "how do you", "tell us", "anyone", "what would you", "what stops",
    ];

    private static readonly string[] TipPhrases =
    [
        "truco", "consejo", "como ", "paso a paso", "receta", "para que", "si os", "si tenéis", "si teneis", "si el", "si la", "si los", "antes de", "nunca",
        "evitad", "sabiais", "recomendamos", "para guardar", "para lavar", "basta",
        "tip", "how to", "recipe", "step by step", "never", "before", "if your", "if you", "trick", "did you know", "keep them", "store your", "skip the",
    ];

    private static readonly string[] ThanksPhrases = ["gracias", "thank", "thanks", "shout out"];

    private static readonly string[] AnswerPhrases =
    [
        "nos preguntais", "nos preguntabais", "preguntabais", "nos habeis preguntado", "preguntais mucho", "nos lo pregunto", "nos pregunta", "nos escribisteis",
        "nos pedisteis", "para quien", "a los que", "a todas las que", "preguntas de",
        "you asked", "asked about", "asked how", "a reader asked", "someone asked", "many of you", "a lot of you",
    ];

    private static readonly string[] CommunityPhrases =
    [
        "vecinos", "vecinas", "barrio", "todo el mundo bienvenido", "entrada libre", "sin inscribirse", "no hace falta", "mercadillo", "banco de alimentos",
        "solidari", "recogida", "cole", "sin comprar nada", "perdonad", "lo sentimos", "avisad",
        "neighbours", "neighbors", "everyone welcome", "free entry", "no purchase", "food bank", "charity", "sorry", "heads up", "school",
    ];

    [GeneratedRegex(@"[\p{L}\p{N}'’]+")]
    private static partial Regex Words();

    [GeneratedRegex(@"\d+\s?%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"(?:https?://)?[\w-]+\.(?:es|com|co|cafe|shop|store|net|org|eu)(?:/[\w/.-]*)?\b|link in bio|enlace de la bio|tienda online|online store|online shop|nuestra web")]
    private static partial Regex ShopLink();

    [GeneratedRegex(@"\d+(?:[.,]\d{1,2})?\s?(?:€|euros?\b)|[$£€]\s?\d+|\bdesde \d+")]
    private static partial Regex Price();

    [GeneratedRegex(@"\b\p{Lu}{4,}\b")]
    private static partial Regex Shouted();

    [GeneratedRegex(@"\b\d+(?:[.,]\d+)?\s?(?:g|kg|ml|l|km|bar|cm|min|minutos|minutes|°c?|grados|h|litros?|litre|miles)\b|\d+\s?°")]
    private static partial Regex Quantities();

    [GeneratedRegex(@"(?<![\w@])@[\w.]+")]
    private static partial Regex Handles();

    [GeneratedRegex(@"(?i:gracias|thank you|thanks)(?: a| to)?\s+\p{Lu}\p{Ll}+")]
    private static partial Regex ProperName();
}
