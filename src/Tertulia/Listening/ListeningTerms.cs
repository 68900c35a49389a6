using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Listening;

/// <summary>
/// The words and hashtags a workspace listens for, taken from its active listening queries: what a channel that can
/// search its network (Mastodon's keyword search and hashtag timelines) asks that network for. Excluded terms
/// (after NOT / -) and field filters (site:, autor:, sentimiento:…) are not searched for; a wildcard term is searched
/// by its stem when that stem has at least four letters. What comes back still goes through the listening queries.
/// </summary>
public sealed record ListeningTerms(IReadOnlyList<string> Keywords, IReadOnlyList<string> Hashtags)
{
    public const int MaxTerms = 20;

    public static readonly ListeningTerms None = new([], []);

    public static async Task<ListeningTerms> OfWorkspaceAsync(TertuliaDb db, int workspaceId, CancellationToken ct)
    {
        var expressions = await db.ListeningQueries.AsNoTracking()
            .Where(q => q.WorkspaceId == workspaceId && q.Active)
            .OrderBy(q => q.Id)
            .Select(q => q.Expression)
            .ToListAsync(ct);
        var nodes = new List<QueryNode>();
        foreach (var expression in expressions)
        {
            if (QueryParser.TryParse(expression, out var node, out _))
            {
                nodes.Add(node!);
            }
        }
        return From(nodes);
    }

    public static ListeningTerms From(IEnumerable<QueryNode> queries)
    {
        var keywords = new List<string>();
        var hashtags = new List<string>();
        foreach (var query in queries)
        {
            Collect(query, keywords, hashtags);
        }
        return new ListeningTerms(
            keywords.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList(),
            hashtags.Distinct(StringComparer.OrdinalIgnoreCase).Take(MaxTerms).ToList());
    }

    private static void Collect(QueryNode node, List<string> keywords, List<string> hashtags)
    {
        switch (node)
        {
            case TermNode { Field: QueryField.Content or QueryField.Title or QueryField.Raw } term:
                var text = term.Text;
                if (text.StartsWith('#') && text.Length > 1 && !text.Contains('*') && !text.Contains('?'))
                {
                    hashtags.Add(text[1..]);
                }
                else if (text.IndexOfAny(['*', '?']) is var wildcard && wildcard < 0)
                {
                    keywords.Add(text);
                }
                else if (wildcard >= 4 && text[wildcard..].All(c => c is '*' or '?'))
                {
                    keywords.Add(text[..wildcard]);
                }
                break;
            case PhraseNode { Field: QueryField.Content or QueryField.Title or QueryField.Raw } phrase:
                keywords.Add($"\"{phrase.Text}\"");
                break;
            case NearNode near:
                Collect(near.Left, keywords, hashtags);
                Collect(near.Right, keywords, hashtags);
                break;
            case AndNode and:
                Collect(and.Left, keywords, hashtags);
                Collect(and.Right, keywords, hashtags);
                break;
            case OrNode or:
                Collect(or.Left, keywords, hashtags);
                Collect(or.Right, keywords, hashtags);
                break;
            // NotNode: what a query excludes is not what it listens for.
        }
    }
}
