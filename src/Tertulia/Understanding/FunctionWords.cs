namespace Tertulia.Understanding;

/// <summary>
/// The short, frequent words of each language (articles, pronouns, prepositions, common verbs). In a tweet of six
/// words they tell more than letter statistics do: "que", "pero", "esto" are Spanish however their letters look.
/// Written by the team from general knowledge of each language.
/// </summary>
internal static class FunctionWords
{
    /// <summary>A word that only some of the languages use weighs as much as a few dozen letters of evidence.</summary>
    private const double Weight = 4.0;

    private static readonly Dictionary<string, string> Lists = new()
    {
        ["es"] = "el la los las un una unos unas y o pero que de del en con por para es son está están estoy esto eso este esta ese esa muy más mi mis tu tus su sus yo tú él ella nosotros ellos me te se le lo les nos no sí ya hay ha he han fue ser estar tengo tiene tienen hoy qué cómo cuando donde dónde porque pues también nada todo todos siempre nunca bien mal así como al hace mucho poco gracias hola buenos buenas hasta desde sin sobre entre hacer puedo puede quiero",
        ["en"] = "the a an and or but that of in on with for to is are was were be been am i you he she we they it my your his her our their me him them not no yes this these those there here what how when where why who which do does did have has had will would can could should just very so if at from by about all some more most only also thanks thank hello good bad love like get got",
        ["pt"] = "o a os as um uma uns umas e ou mas que de do da dos das em no na nos nas com por para é são está estão estou isso isto este esta esse essa muito mais meu minha seu sua eu tu ele ela nós eles me te se lhe não sim já há foi ser estar tenho tem hoje como quando onde porque também nada tudo sempre nunca bem mal obrigado obrigada olá você vocês pelo pela",
        ["ca"] = "el la els les un una i o però que de del en amb per és són està estan estic això aquest aquesta molt més meu meva seu seva jo tu ell ella nosaltres ells em et es li no sí ja hi ha va fer ser estar tinc té avui com quan on perquè també res tot sempre mai bé malament gràcies hola bon bona dia fins",
        ["fr"] = "le la les un une des et ou mais que qui de du en dans avec pour par est sont suis c'est ce cette ces très plus mon ma mes ton ta son sa je tu il elle nous vous ils elles me te se lui ne pas oui non déjà il y a été être avoir ai as avons aujourd'hui comment quand où parce aussi rien tout toujours jamais bien mal merci bonjour",
        ["it"] = "il lo la i gli le un una e o ma che di del della in con per è sono sto questo questa quello quella molto più mio mia suo sua io tu lui lei noi voi loro mi ti si gli non sì già c'è ha ho hanno essere stato oggi come quando dove perché anche niente tutto sempre mai bene male grazie ciao buongiorno",
        ["de"] = "der die das ein eine einen und oder aber dass von im in mit für auf ist sind bin war waren sein haben habe hat ich du er sie wir ihr es mich dich sich mir dir nicht nein ja schon hier was wie wann wo warum auch nichts alles immer nie gut schlecht danke hallo sehr mehr noch nur",
        ["eu"] = "eta da dira ez bai hau hori hura ni zu gu zuek haiek nire zure bere oso gehiago baina edo ere dago daude naiz zara gara egin izan du dut dugu gaur nola noiz non zergatik eskerrik asko kaixo egun on bat batzuk",
        ["nl"] = "de het een en of maar dat van in met voor op is zijn ben was waren hebben heb heeft ik jij je hij zij wij we jullie ze mij me niet nee ja al hier wat hoe wanneer waar waarom ook niets alles altijd nooit goed slecht dank bedankt hallo heel meer nog",
    };

    private static readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> Languages = Build();

    /// <summary>Every function word of every language: words that say nothing about a topic (Insights' top terms skip them).</summary>
    public static IEnumerable<string> All => Lists.Values.SelectMany(words => words.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static void AddEvidence(ReadOnlySpan<char> word, IReadOnlyList<string> languages, Span<double> scores)
    {
        if (word.Length > 14 || !Languages.TryGetValue(word, out var owners))
        {
            return;
        }
        // A word shared by many languages is weak evidence for each of them.
        var weight = Weight / owners.Length;
        for (var l = 0; l < languages.Count; l++)
        {
            if (Array.IndexOf(owners, languages[l]) >= 0)
            {
                scores[l] += weight;
            }
        }
    }

    private static Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> Build()
    {
        var byWord = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (language, words) in Lists)
        {
            foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!byWord.TryGetValue(word, out var owners))
                {
                    byWord[word] = owners = [];
                }
                if (!owners.Contains(language))
                {
                    owners.Add(language);
                }
            }
        }
        return byWord.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
