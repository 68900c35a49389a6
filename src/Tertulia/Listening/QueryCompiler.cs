namespace Tertulia.Listening;

/// <summary>Turns a parsed query into matchers over the shared vocabulary of its <see cref="QuerySet"/>.</summary>
internal static class QueryCompiler
{
    public static Matcher Compile(QueryNode node, QueryVocabulary vocabulary) => node switch
    {
        TermNode t => Term(t, vocabulary),
        PhraseNode p => Words(Split(p.Text, p.Field), p.Field, p.Slop, vocabulary),
        AndNode a => new AndMatcher(Compile(a.Left, vocabulary), Compile(a.Right, vocabulary)),
        OrNode o => new OrMatcher(Compile(o.Left, vocabulary), Compile(o.Right, vocabulary)),
        NotNode n => new NotMatcher(Compile(n.Operand, vocabulary)),
        NearNode n => new NearMatcher(Compile(n.Left, vocabulary), Compile(n.Right, vocabulary), n.Distance, n.Ordered),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "unknown query node"),
    };

    private static Matcher Term(TermNode term, QueryVocabulary vocabulary)
    {
        switch (term.Field)
        {
            case QueryField.Language:
                vocabulary.UsesLanguage = true;
                return new LanguageMatcher(term.Text.Trim().ToLowerInvariant());
            case QueryField.Site:
                vocabulary.UsesHost = true;
                return new SiteMatcher(Host(term.Text));
            case QueryField.Url:
                vocabulary.UsesUrl = true;
                return new UrlMatcher(term.Text.Trim());
            case QueryField.Sentiment:
                vocabulary.UsesSentiment = true;
                return new SentimentMatcher(QueryFields.Sentiment(term.Text) ?? term.Text);
            default:
                // "l'Horta" or "sin-gluten" are several words in a row, like a phrase.
                return Words(Split(term.Text, term.Field), term.Field, 0, vocabulary);
        }
    }

    private static Matcher Words(List<string> words, QueryField field, int slop, QueryVocabulary vocabulary)
    {
        var ids = words.ConvertAll(w => vocabulary.Add(field, w));
        return ids.Count == 1 ? new TermMatcher(ids[0]) : new PhraseMatcher([.. ids], slop);
    }

    /// <summary>Folded words, or for raw: the words exactly as typed.</summary>
    internal static List<string> Split(string text, QueryField field)
    {
        if (field != QueryField.Raw)
        {
            return WordTokenizer.Words(text, wildcards: true);
        }
        var words = new List<string>();
        var index = 0;
        while (WordTokenizer.Next(text, ref index, out var start, out var end, wildcards: true))
        {
            words.Add(text[start..end]);
        }
        return words;
    }

    /// <summary>
    /// The hosts every match must be on: the <c>site:</c> terms the query ANDs at its top (none under OR or NOT), in
    /// ASCII. The store can keep only mentions whose address holds each of them before the matcher re-checks the rest.
    /// </summary>
    internal static IEnumerable<string> RequiredHosts(QueryNode? node) => node switch
    {
        AndNode a => RequiredHosts(a.Left).Concat(RequiredHosts(a.Right)),
        TermNode { Field: QueryField.Site } t when SiteHost(t.Text) is { } host => [host],
        _ => [],
    };

    /// <summary>
    /// The host a site: term asks for when it is plain ASCII, as the stores' filters look for it in the address (the
    /// matcher's host is part of the address, so a mention it keeps holds these characters); otherwise null.
    /// </summary>
    internal static string? SiteHost(string text) => Host(text) is { Length: > 0 } host && System.Text.Ascii.IsValid(host) ? host : null;

    /// <summary>"https://www.Elnorte.es/x" and "*.elnorte.es" both mean the host elnorte.es and its subdomains.</summary>
    private static string Host(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        if (v.Contains("://") && Uri.TryCreate(v, UriKind.Absolute, out var uri))
        {
            v = uri.IdnHost;
        }
        v = v.TrimStart('*').TrimStart('.');
        var slash = v.IndexOf('/');
        return slash >= 0 ? v[..slash] : v;
    }
}
