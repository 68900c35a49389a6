using Tertulia.Listening;
using Xunit;

namespace Tertulia.Tests.Listening;

public sealed class QueryMatchingTests
{
    [Theory]
    // Case and accents do not matter; ñ does.
    [InlineData("opinion", "¡Qué OPINIÓN tan buena!", true)]
    [InlineData("año", "Feliz AÑO nuevo", true)]
    [InlineData("año", "el ano", false)]
    [InlineData("pinguino", "un pingüino", true)]
    // Spanish punctuation separates words.
    [InlineData("abierto", "¿Está abierto hoy?", true)]
    [InlineData("\"pan candeal\"", "«Pan candeal» del bueno", true)]
    [InlineData("horta", "Vinc de l'Horta", true)]
    [InlineData("l'horta", "Vinc de l’Horta", true)]
    // Hashtags and handles are terms; a plain word also finds the hashtag.
    [InlineData("#masamadre", "Hoy #MasaMadre en el horno", true)]
    [InlineData("#masamadre", "Hoy masamadre en el horno", false)]
    [InlineData("masamadre", "Hoy #MasaMadre en el horno", true)]
    [InlineData("@hornoelcandeal", "Gracias @HornoElCandeal!", true)]
    [InlineData("jorge_vll", "hola @Jorge_VLL", true)]
    // Boolean logic.
    [InlineData("pan tarta", "pan y tarta", true)]
    [InlineData("pan tarta", "solo pan", false)]
    [InlineData("pan OR tarta", "solo tarta", true)]
    [InlineData("pan -tarta", "pan y tarta", false)]
    [InlineData("pan NOT (tarta OR bollo)", "pan y bollo", false)]
    // Phrases, proximity, NEAR.
    [InlineData("\"masa madre\"", "la masa de madre", false)]
    [InlineData("\"masa madre\"~1", "la masa de madre", true)]
    [InlineData("\"masa madre\"~1", "madre de la masa", false)]
    [InlineData("\"masa madre\"~2", "madre de la masa", true)]
    [InlineData("candeal NEAR/2 pan", "pan de trigo candeal", true)]
    [InlineData("candeal NEAR/1 pan", "pan de trigo candeal", false)]
    [InlineData("pan NEAR/2f candeal", "pan de trigo candeal", true)]
    [InlineData("candeal NEAR/2f pan", "pan de trigo candeal", false)]
    [InlineData("(tarta OR pan) NEAR/0 \"de queso\"", "una tarta de queso", true)]
    // Wildcards.
    [InlineData("panader*", "La Panadería de Pili", true)]
    [InlineData("cruas?n", "un cruasán", true)]
    [InlineData("cruas?n", "un cruasanes", false)]
    [InlineData("cruas*n", "unos cruasanes", false)]
    [InlineData("cruas*s", "unos cruasanes", true)]
    // raw: is exact.
    [InlineData("raw:OCU", "La OCU avisa", true)]
    [InlineData("raw:OCU", "la ocu avisa", false)]
    [InlineData("raw:Sanidad", "Sanidad inspecciona", true)]
    [InlineData("exacto:\"Horno El Candeal\"", "el horno el candeal", false)]
    public void Matches_text_as_a_listener_expects(string query, string text, bool expected) =>
        Assert.Equal(expected, QuerySet.Matches(QueryParser.Parse(query), new MentionDocument(null, text)));

    [Theory]
    [InlineData("author:marisa", true)]
    [InlineData("autor:\"marisa llorente\"", true)]
    [InlineData("author:pili", false)]
    [InlineData("lang:es", true)]
    [InlineData("lang:en", false)]
    [InlineData("site:elnortedecastilla.es", true)]
    [InlineData("site:castilla.es", false)]
    [InlineData("site:www.elnortedecastilla.es", true)]
    [InlineData("url:/valladolid/", true)]
    [InlineData("channel:\"el norte\"", true)]
    [InlineData("channel:feed", true)]
    [InlineData("title:panaderías", true)]
    [InlineData("title:candeal", false)]
    [InlineData("candeal", true)]
    [InlineData("panaderias", true)]
    [InlineData("sentiment:positivo", true)]
    [InlineData("sentimiento:negative", false)]
    [InlineData("\"panaderias candeal\"", false)]
    public void Matches_fields(string query, bool expected)
    {
        var document = new MentionDocument("Las mejores panaderías", "Candeal lidera el ranking")
        {
            Author = "Marisa Llorente",
            Language = "es-ES",
            Url = "https://www.elnortedecastilla.es/valladolid/panaderias.html",
            Channel = "El Norte de Castilla Feed",
            Sentiment = "positive",
        };
        Assert.Equal(expected, QuerySet.Matches(QueryParser.Parse(query), document));
    }

    [Fact]
    public void A_query_set_reports_every_query_a_mention_matches()
    {
        var set = QuerySet.Compile([
            (10, QueryParser.Parse("\"El Candeal\" OR hornoelcandeal")),
            (11, QueryParser.Parse("\"masa madre\" OR croissant*")),
            (12, QueryParser.Parse("alergi* OR \"frutos secos\"")),
        ]);
        var scan = set.NewScan();
        var matched = new List<int>();
        set.Match(new MentionDocument(null, "En @HornoElCandeal los croissants llevan frutos secos, ¡ojo alérgicos!"), scan, matched);
        Assert.Equal([10, 11, 12], matched);
        matched.Clear();
        set.Match(new MentionDocument(null, "Pan de masa madre"), scan, matched);
        Assert.Equal([11], matched);
    }

    [Fact]
    public void Highlights_the_words_a_query_looks_for_but_not_the_excluded_ones()
    {
        var highlights = new QueryHighlights(QueryParser.Parse("\"masa madre\" OR panader* -tarta"));
        var text = "La Panadería: masa madre, sin tarta";
        Assert.Equal(["Panadería", "masa", "madre"], highlights.Find(text).Select(h => text[h.Start..h.End]));
    }
}
