using System.Text;

namespace Tertulia.Mentions;

/// <summary>
/// A search as a PostgreSQL tsquery over "SearchVector", meaning what the FTS5 expression means on SQLite: every term
/// must appear; a term that folds to several words ("col_umn", "e-mail") is a phrase of them; a trailing * is a prefix.
/// </summary>
public static class TsQuery
{
    /// <summary>The to_tsquery text, or null when nothing is searched. Lexemes are letters and digits only, so nothing typed is syntax.</summary>
    public static string? From(SearchQuery query)
    {
        var sb = new StringBuilder();
        foreach (var term in query.Terms)
        {
            var words = Lexemes(term.Word);
            if (words.Count == 0)
            {
                continue;
            }
            sb.Append(sb.Length > 0 ? " & " : "").Append('(');
            for (var i = 0; i < words.Count; i++)
            {
                sb.Append(i > 0 ? " <-> " : "").Append('\'').Append(words[i]).Append('\'');
                if (term.Prefix && i == words.Count - 1)
                {
                    sb.Append(":*");
                }
            }
            sb.Append(')');
        }
        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>Splits folded text the way the index does (regexp [^[:alnum:]]+ → space): letters and digits only.</summary>
    public static List<string> Lexemes(string folded)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var inWord = i < folded.Length && char.IsLetterOrDigit(folded[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                words.Add(folded[start..i]);
                start = -1;
            }
        }
        return words;
    }
}
