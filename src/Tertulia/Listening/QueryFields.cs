namespace Tertulia.Listening;

/// <summary>Field names as people type them, in English or Spanish (<c>autor:</c>, <c>idioma:</c>...).</summary>
public static class QueryFields
{
    private static readonly Dictionary<string, QueryField> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["author"] = QueryField.Author,
        ["autor"] = QueryField.Author,
        ["lang"] = QueryField.Language,
        ["language"] = QueryField.Language,
        ["idioma"] = QueryField.Language,
        ["site"] = QueryField.Site,
        ["sitio"] = QueryField.Site,
        ["url"] = QueryField.Url,
        ["channel"] = QueryField.Channel,
        ["canal"] = QueryField.Channel,
        ["title"] = QueryField.Title,
        ["titulo"] = QueryField.Title,
        ["título"] = QueryField.Title,
        ["sentiment"] = QueryField.Sentiment,
        ["sentimiento"] = QueryField.Sentiment,
        ["raw"] = QueryField.Raw,
        ["exacto"] = QueryField.Raw,
    };

    /// <summary>Canonical sentiment names and their Spanish forms.</summary>
    private static readonly Dictionary<string, string> Sentiments = new(StringComparer.OrdinalIgnoreCase)
    {
        ["positive"] = "positive",
        ["positivo"] = "positive",
        ["positiva"] = "positive",
        ["negative"] = "negative",
        ["negativo"] = "negative",
        ["negativa"] = "negative",
        ["neutral"] = "neutral",
        ["neutro"] = "neutral",
        ["neutra"] = "neutral",
        ["mixed"] = "mixed",
        ["mixto"] = "mixed",
        ["mixta"] = "mixed",
    };

    public static QueryField? Find(string name) => Names.TryGetValue(name, out var field) ? field : null;

    public static string NameOf(QueryField field) => field switch
    {
        QueryField.Author => "author",
        QueryField.Language => "lang",
        QueryField.Site => "site",
        QueryField.Url => "url",
        QueryField.Channel => "channel",
        QueryField.Title => "title",
        QueryField.Sentiment => "sentiment",
        QueryField.Raw => "raw",
        _ => "",
    };

    /// <summary>Fields compared as a whole value rather than searched word by word.</summary>
    public static bool IsValueField(QueryField field) =>
        field is QueryField.Language or QueryField.Site or QueryField.Url or QueryField.Sentiment;

    /// <summary>"positivo" and "Positive" are both "positive"; null when not a sentiment.</summary>
    public static string? Sentiment(string value) => Sentiments.GetValueOrDefault(value.Trim());
}
