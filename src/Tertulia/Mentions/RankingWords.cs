using Tertulia.Listening;

namespace Tertulia.Mentions;

/// <summary>
/// The words a query asks for in a mention's title or text — not those under NOT, not field values such as
/// <c>lang:</c> or <c>author:</c> — which relevance ranking weighs. Wildcards keep their literal start.
/// </summary>
public static class RankingWords
{
    public static IReadOnlyList<string> Of(QueryNode node)
    {
        var words = new List<string>();
        Collect(node, words);
        return words.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static void Collect(QueryNode node, List<string> words)
    {
        switch (node)
        {
            case TermNode t when Ranked(t.Field):
                Add(t.Text, words);
                break;
            case PhraseNode p when Ranked(p.Field):
                foreach (var word in p.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(word, words);
                }
                break;
            case AndNode a:
                Collect(a.Left, words);
                Collect(a.Right, words);
                break;
            case OrNode o:
                Collect(o.Left, words);
                Collect(o.Right, words);
                break;
            case NearNode n:
                Collect(n.Left, words);
                Collect(n.Right, words);
                break;
        }
    }

    private static bool Ranked(QueryField field) => field is QueryField.Content or QueryField.Title or QueryField.Raw;

    private static void Add(string word, List<string> words)
    {
        var wildcard = word.AsSpan().IndexOfAny('*', '?');
        var literal = (wildcard >= 0 ? word[..wildcard] : word).Trim('#', '@', '"');
        if (literal.Length > 0)
        {
            words.Add(literal);
        }
    }
}
