using System.Text.RegularExpressions;

namespace Tertulia.Understanding;

/// <summary>
/// Tells complaint, question, suggestion and praise apart with cue phrases (Spanish first, then English), in this
/// order, first match wins: an explicit complaint ("no funciona", "vergüenza", "sigo esperando") even when asked as a
/// question; a suggestion ("deberían", "estaría bien que", "me gustaría que", "¿por qué no…?"); a question ("¿…?",
/// "alguien sabe", a sentence opening with an interrogative); then the sentiment decides: clearly negative is a
/// complaint, clearly positive or thankful is praise; the rest is other.
/// </summary>
public static partial class IntentClassifier
{
    /// <summary>How sure the sentiment must be before it alone makes a complaint or praise.</summary>
    public const double ComplaintScore = -0.35;
    public const double PraiseScore = 0.35;
    public const double AngryQuestionScore = -0.5;
    /// <summary>Longer than a social post or a comment: only explicit complaint and suggestion cues count.</summary>
    public const int MaxFeelingLength = 600;

    public static Intent Classify(string? text, SentimentReading sentiment) =>
        string.IsNullOrWhiteSpace(text) ? Intent.Other : Classify(text, Fold(text), sentiment);

    /// <summary>As above, with the text already folded by <see cref="Fold"/> (spam detection reads the same).</summary>
    public static Intent Classify(string text, string folded, SentimentReading sentiment) =>
        Classify(text, folded, sentiment, IntentModel.LoadShipped(), ShippedStrategy);

    /// <summary>How rules and the learned model share the decision.</summary>
    public enum Strategy
    {
        /// <summary>The hand-written rules alone.</summary>
        Rules,
        /// <summary>The learned model, which reads the rules' cues and verdict among its features.</summary>
        Model,
        /// <summary>An explicit complaint or suggestion cue decides as in the rules; the model decides the rest.</summary>
        CuesThenModel,
    }

    /// <summary>The strategy that won the cross-validation on the training messages (docs/understanding.md).</summary>
    public const Strategy ShippedStrategy = Strategy.CuesThenModel;

    /// <summary>Without a learned model (a build without intent.zip), the rules decide.</summary>
    internal static Intent Classify(string text, string folded, SentimentReading sentiment, IntentModel? model, Strategy strategy)
    {
        // The model learnt from messages; an article (longer than any of them) is read by the rules, built for it.
        if (model is null || strategy == Strategy.Rules || text.Length > MaxFeelingLength)
        {
            return ClassifyByRules(text, folded, sentiment);
        }
        if (strategy == Strategy.CuesThenModel)
        {
            if (ComplaintCues().IsMatch(folded))
            {
                return Intent.Complaint;
            }
            if (SuggestionCues().IsMatch(folded))
            {
                return Intent.Suggestion;
            }
        }
        return model.Read(text, folded, sentiment);
    }

    /// <summary>Which cue families a text shows (features of the learned model, and the rules' evidence).</summary>
    internal readonly record struct IntentCues(bool Complaint, bool Suggestion, bool Question, bool Praise, bool Personal);

    internal static IntentCues Cues(string text, string folded) => new(
        ComplaintCues().IsMatch(folded), SuggestionCues().IsMatch(folded), IsQuestion(text, folded),
        PraiseCues().IsMatch(folded), Personal().IsMatch(folded));

    /// <summary>The hand-written rules alone, first match wins (see the class summary).</summary>
    public static Intent ClassifyByRules(string text, string folded, SentimentReading sentiment)
    {
        if (ComplaintCues().IsMatch(folded))
        {
            return Intent.Complaint;
        }
        if (SuggestionCues().IsMatch(folded))
        {
            return Intent.Suggestion;
        }
        if (text.Length > MaxFeelingLength)
        {
            return Intent.Other; // An article asks rhetorical questions, and its overall mood is no request either.
        }
        if (IsQuestion(text, folded))
        {
            // "¿Algún día saldréis a la hora?" asks nothing: a clearly angry question is a complaint.
            return sentiment.Label == Sentiment.Negative && sentiment.Score <= AngryQuestionScore ? Intent.Complaint : Intent.Question;
        }
        if (PraiseCues().IsMatch(folded) && sentiment.Label != Sentiment.Negative)
        {
            return Intent.Praise;
        }
        // Feeling alone makes a complaint or praise only when someone speaks of their own experience or to the
        // business: headlines and promotions ("Iberia inaugura un nuevo espacio Premium") are neither.
        if (!Personal().IsMatch(folded))
        {
            return Intent.Other;
        }
        if (sentiment.Label == Sentiment.Negative && sentiment.Score <= ComplaintScore)
        {
            return Intent.Complaint;
        }
        return sentiment.Label == Sentiment.Positive && sentiment.Score >= PraiseScore ? Intent.Praise : Intent.Other;
    }

    private static bool IsQuestion(string text, string folded) =>
        text.Contains('¿') || QuestionMarkEndsSentence().IsMatch(text) || StartsAsking().IsMatch(folded);

    /// <summary>Lower case without accents, so that "vergüenza", "Verguenza" and "VERGÜENZA" are one cue.</summary>
    internal static string Fold(string text)
    {
        var cut = text.Length > SocialText.MaxChars ? text[..SocialText.MaxChars] : text;
        var (word, _, _) = SocialText.Fold(cut);
        return word;
    }

    [GeneratedRegex(@"\b(no funciona|no va|no furula|ha dejado de funcionar|no me (han|ha) (llegado|devuelto|contestado|respondido|solucionado)|no (contestan|responden|cogen)|sigo esperando|llevo .{0,25}(esperando|sin)|todavia no (me|he|ha)|verguenza|vergonzoso|indignante|inaceptable|lamentable|una estafa|me han (cobrado|estafado|timado)|queja|reclamacion|hoja de reclamaciones|devolucion|devuelvan|nunca mas|no vuelvo|no volvere|pesimo|penoso|fatal servicio|mala atencion|ni me miro|ni caso|tomadura de pelo|cancelad[oa]s? sin|perdieron mi|han perdido|esta rot[oa]|llego rot[oa]|(does|do|did)(n'?t| not) work|not working|stopped working|still waiting|never again|refund|worst|disappointed|disappointing|unacceptable|ripped off|complain|terrible service|rude)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ComplaintCues();

    [GeneratedRegex(@"\b(deberian|deberiais|deberias|deberia(n)? (de )?(poner|haber|tener|abrir|hacer|añadir|incluir|mejorar|cambiar|bajar)|estaria (bien|genial|guay|bueno) que|seria (genial|bueno|ideal|estupendo|mejor|interesante|un puntazo) (que|si|poder|tener)|me gustaria que|nos gustaria que|me encantaria que|ojala (pusierais|hicierais|abrierais|tuvierais|pongais|hagais|volvais|saquen|pusieran|hicieran|abrieran)|por que no (haceis|poneis|abris|sacais|ofreceis|hacen|ponen|abren|sacan|ofrecen)|podriais|podrian (poner|hacer|abrir|añadir|sacar|tener|mejorar)|propongo|sugiero|sugerencia|una idea:|echo de menos que|a ver si (sacais|poneis|haceis|abris)|you should|it would be (great|nice|good)|would be (great|nice) if|please add|i suggest|suggestion|why not (add|open|make|offer)|could you (add|open|make|offer))\b", RegexOptions.CultureInvariant)]
    private static partial Regex SuggestionCues();

    [GeneratedRegex(@"\b(me|mi|mis|yo|nos|nuestr[oa]s?|os|vuestr[oa]s?|te|tu|tus|usted|ustedes|vosotros|i|i'm|my|me|we|our|us|you|your)\b|\b\w+(é|aste|amos|asteis|ais|eis|ais)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Personal();

    [GeneratedRegex(@"\?\s*([\p{So}\p{Sk}\p{Cs}!.)]*\s*)*($|\n|\s+\p{Lu})")]
    private static partial Regex QuestionMarkEndsSentence();

    [GeneratedRegex(@"(^|[.!\n]\s*)(que tal|alguien sabe|sabeis si|sabe alguien|hay alguna forma|como puedo|como se|donde (esta|puedo|se)|cuando (abris|abren|sale|llega)|a que hora|cuanto (cuesta|vale|tarda)|teneis|tienen|aceptais|haceis|se puede|puedo|podeis|what|how|when|where|why|does|do you|can i|can you|is there|are you)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StartsAsking();

    [GeneratedRegex(@"\b(gracias|muchas gracias|enhorabuena|felicidades|me encanta|me encantan|me encanto|os quiero|lo recomiendo|recomendadisimo|os recomiendo|buenisim[oa]s?|riquisim[oa]s?|espectacular|de escandalo|el mejor|la mejor|los mejores|sois los mejores|sois unos cracks|que maravilla|chapeau|olé|thank you|thanks|love it|loved it|the best|highly recommend|well done|congrats|amazing)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PraiseCues();
}
