using System.Text.RegularExpressions;

namespace Tertulia.Understanding;

/// <summary>
/// Broad grammatical and lexical markers of a wish and of a problem, read by the learned intent model as features
/// (the rules' cue lists are narrower because alone they must be precise). Written from how Spanish and English put a
/// request to a business: the conditional ("pondría", "sería", "would"), "si" with the past subjunctive
/// ("si pusierais"), plural imperatives ("poned", "sacad"), "how about", "why not"; and how they report a failure:
/// waiting, money taken, things wrong, broken, missing, late, nobody answering. Texts are folded (no accents).
/// </summary>
internal static partial class IntentMarkers
{
    public static bool Wish(string folded) => WishMarkers().IsMatch(folded);

    public static bool Problem(string folded) => ProblemMarkers().IsMatch(folded);

    /// <summary>Conditional verbs of the person speaking or of the business ("-ría", "-ríais", "-rían").</summary>
    public static bool Conditional(string folded) => ConditionalVerb().IsMatch(folded);

    [GeneratedRegex(@"\b(\w+rias|\w+riais|\w+rian|seria|estaria|vendria|molaria|convendria|mejoraria|pondria|haria|añadiria|quitaria|cambiaria|compraria|iria|vendriamos|irian)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionalVerb();

    [GeneratedRegex(@"\b(si \w+(arais|ierais|aseis|ieseis|aran|ieran|asen|iesen)|y si|para cuando|por que no|no os habeis planteado|habeis pensado|os animo|os animariais|os propongo|propuesta|una idea|un consejo|sugerencia|falta(ria|n)?|echo (de menos|en falta)|tendriais que|habria que|hay que mejorar|que (pongan|pongais|hagan|hagais|abran|abrais|saquen|saqueis|haya)|poned|haced|sacad|abrid|traed|ampliad|bajad|anadid|añadid|por pedir|se agradeceria|ojala|a ver si|me quedo con ganas|lo unico que|would (be|love|help|make)|it'?d be|i'?d (love|suggest|buy|come|sign)|how about|what about|why not|have you (thought|considered)|consider|might be worth|worth adding|my two cents|one idea|suggest|if you (offered|did|had|opened|added|stocked|could)|could you|you could|you should|you need|please (add|bring|consider|do|make|open|stock)|bring back|wish you|the only thing missing|missing is|when are you opening|more \w+ (would|please))\b", RegexOptions.CultureInvariant)]
    private static partial Regex WishMarkers();

    [GeneratedRegex(@"\b(esperando|espera|esperar|tarde|tardaron|tardado|tarda|sin respuesta|sin avisar|ni (una|un|caso|idea)|nadie|nada|todavia|sigue sin|sigo sin|otra vez|ya van|por tercera|cuarta vez|segunda vez|no (me|nos|hay|es|era|estaba|llego|aparecio|funciona|puedo|entiendo|contestan|cogen|volvemos|volvere)|mal|peor|fatal|frio|fria|crudo|quemad[oa]|caducad[oa]|mohos[oa]|sucio|sucisimos|roto|rota|estropead[oa]|aplastad[oa]|equivocad[oa]|error|cobr\w+|dos veces|reembolso|devolucion|reclam\w+|decepcion\w*|borde|asco|robo|engañosa|humillante|una pena|sin palabras|ni buenos|cerrado|cancelad[oa]|perdid[oa]|mojad[oa]|still|never|no one|nobody|nothing|waiting|waited|hour|late|wrong|rude|cold|lukewarm|stale|mouldy|moldy|broken|damaged|leak\w*|missing|charged|twice|refund|cancel\w*|crash\w*|error|again|ridiculous|awful|terrible|disappoint\w*|worst|overpriced|bland|soggy|dirty|stains|shut|no record|not good|won'?t be back|didn'?t|wasn'?t|isn'?t|doesn'?t|can'?t)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ProblemMarkers();
}
