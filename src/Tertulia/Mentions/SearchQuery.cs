using System.Text;
using Tertulia.Listening;

namespace Tertulia.Mentions;

/// <summary>
/// What a person typed in the search box, as the words to find. Every word must appear (in any
/// accent or case); a trailing * makes a word a prefix.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<SearchTerm> Terms)
{
    public bool IsEmpty => Terms.Count == 0;

    public static SearchQuery Parse(string? text)
    {
        var terms = new List<SearchTerm>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new SearchQuery(terms);
        }
        foreach (var raw in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(32))
        {
            var prefix = raw.EndsWith('*');
            foreach (var word in TextFolding.Words(raw))
            {
                terms.Add(new SearchTerm(word.TrimStart('#', '@'), prefix));
            }
        }
        return new SearchQuery(terms.Where(t => t.Word.Length > 0).ToList());
    }

    /// <summary>The FTS5 MATCH expression: each word quoted, so nothing typed is taken as FTS syntax.</summary>
    public string ToFts5()
    {
        var sb = new StringBuilder();
        foreach (var term in Terms)
        {
            if (sb.Length > 0)
            {
                sb.Append(" AND ");
            }
            sb.Append('"').Append(term.Word.Replace("\"", "\"\"")).Append('"');
            if (term.Prefix)
            {
                sb.Append('*');
            }
        }
        return sb.ToString();
    }
}

public sealed record SearchTerm(string Word, bool Prefix);
