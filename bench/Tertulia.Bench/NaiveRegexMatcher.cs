using System.Text;
using System.Text.RegularExpressions;
using Tertulia.Listening;

namespace Tertulia.Bench;

/// <summary>
/// The naive way, for comparison: each query becomes one compiled Regex of lookaheads, run over a string made of
/// the mention's folded text and its fields. No shared tokenising, no term dictionary.
/// </summary>
public static class NaiveRegexMatcher
{
    private const string Sep = "\u0001";

    public static Regex Compile(QueryNode query) =>
        new("^" + Predicate(query), RegexOptions.Compiled | RegexOptions.CultureInvariant | RegexOptions.Singleline);

    /// <summary>The string every query's regex runs over: folded content first, then one section per field.</summary>
    public static string Subject(MentionDocument d)
    {
        var sb = new StringBuilder(d.Text.Length * 2 + 200);
        sb.Append(WordTokenizer.Fold(d.Title ?? "")).Append(" \u0002 ").Append(WordTokenizer.Fold(d.Text));
        sb.Append(Sep).Append("t=").Append(WordTokenizer.Fold(d.Title ?? ""));
        sb.Append(Sep).Append("a=").Append(WordTokenizer.Fold(d.Author ?? ""));
        sb.Append(Sep).Append("c=").Append(WordTokenizer.Fold(d.Channel ?? ""));
        sb.Append(Sep).Append("l=").Append(d.Language?.ToLowerInvariant());
        sb.Append(Sep).Append("h=").Append(d.Host);
        sb.Append(Sep).Append("u=").Append(d.Url?.ToLowerInvariant());
        sb.Append(Sep).Append("s=").Append(d.Sentiment);
        sb.Append(Sep).Append("r=").Append(d.Title).Append(" \u0002 ").Append(d.Text);
        return sb.Append(Sep).ToString();
    }

    private static string Predicate(QueryNode node) => node switch
    {
        AndNode a => Predicate(a.Left) + Predicate(a.Right),
        OrNode o => $"(?:{Predicate(o.Left)}|{Predicate(o.Right)})",
        NotNode n => $"(?!{Predicate(n.Operand)})",
        TermNode { Field: QueryField.Language } t => $"(?=.*?{Sep}l={Regex.Escape(t.Text.ToLowerInvariant())}(?:[-_][^{Sep}]*)?{Sep})",
        TermNode { Field: QueryField.Site } t => $"(?=.*?{Sep}h=(?:[^{Sep}]*\\.)?{Regex.Escape(t.Text.ToLowerInvariant())}{Sep})",
        TermNode { Field: QueryField.Url } t => $"(?=.*?{Sep}u=[^{Sep}]*?{Regex.Escape(t.Text.ToLowerInvariant())})",
        TermNode { Field: QueryField.Sentiment } t => $"(?=.*?{Sep}s={QueryFields.Sentiment(t.Text)}{Sep})",
        _ => Section(FieldOf(node), Positional(node)),
    };

    private static string Section(QueryField field, string pattern) => field switch
    {
        QueryField.Content => $"(?=[^{Sep}]*?{pattern})",
        QueryField.Title => $"(?=.*?{Sep}t=[^{Sep}]*?{pattern})",
        QueryField.Author => $"(?=.*?{Sep}a=[^{Sep}]*?{pattern})",
        QueryField.Channel => $"(?=.*?{Sep}c=[^{Sep}]*?{pattern})",
        _ => $"(?=.*?{Sep}r=[^{Sep}]*?{pattern})",
    };

    private static QueryField FieldOf(QueryNode node) => node switch
    {
        TermNode t => t.Field,
        PhraseNode p => p.Field,
        OrNode o => FieldOf(o.Left),
        NearNode n => FieldOf(n.Left),
        _ => QueryField.Content,
    };

    private static string Positional(QueryNode node) => node switch
    {
        TermNode t => Words(t.Text, t.Field),
        PhraseNode { Slop: 0 } p => Words(p.Text, p.Field),
        PhraseNode p => string.Join("", QueryWords(p.Text, p.Field).Select(w => $"(?=[^{Sep}]*?{w})")),
        OrNode o => $"(?:{Positional(o.Left)}|{Positional(o.Right)})",
        NearNode n => n.Ordered
            ? $"(?:{Positional(n.Left)}(?:\\W+\\w+){{0,{n.Distance}}}?\\W+{Positional(n.Right)})"
            : $"(?:{Positional(n.Left)}(?:\\W+\\w+){{0,{n.Distance}}}?\\W+{Positional(n.Right)}|{Positional(n.Right)}(?:\\W+\\w+){{0,{n.Distance}}}?\\W+{Positional(n.Left)})",
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static string Words(string text, QueryField field) => string.Join("\\W+", QueryWords(text, field));

    private static IEnumerable<string> QueryWords(string text, QueryField field) =>
        QueryCompilerWords(text, field).Select(w =>
        {
            var lead = w[0] is '#' or '@' ? "(?<![\\w#@])" : "\\b";
            return lead + Regex.Escape(w).Replace("\\*", "\\w*").Replace("\\?", "\\w") + "\\b";
        });

    private static List<string> QueryCompilerWords(string text, QueryField field)
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
}
