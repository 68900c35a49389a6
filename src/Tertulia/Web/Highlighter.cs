using System.Globalization;
using System.Net;
using System.Text;
using Tertulia.Mentions;

namespace Tertulia.Web;

/// <summary>Cuts a readable snippet of a mention around the searched words and marks them, ignoring accents and case.</summary>
public static class Highlighter
{
    public static string Snippet(string text, SearchQuery query, int length = 280)
    {
        var folded = FoldSameLength(text);
        var hits = Hits(folded, query);
        var start = 0;
        if (hits.Count > 0 && hits[0].Start > length / 3)
        {
            start = text.LastIndexOf(' ', Math.Max(0, hits[0].Start - length / 3)) + 1;
        }
        var end = Math.Min(text.Length, start + length);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end);
            end = space > start ? space : end;
        }
        var sb = new StringBuilder();
        if (start > 0)
        {
            sb.Append("… ");
        }
        var pos = start;
        foreach (var (hitStart, hitEnd) in hits.Where(h => h.Start >= start && h.End <= end))
        {
            if (hitStart < pos)
            {
                continue;
            }
            sb.Append(WebUtility.HtmlEncode(text[pos..hitStart]));
            sb.Append("<mark>").Append(WebUtility.HtmlEncode(text[hitStart..hitEnd])).Append("</mark>");
            pos = hitEnd;
        }
        sb.Append(WebUtility.HtmlEncode(text[pos..end]));
        if (end < text.Length)
        {
            sb.Append(" …");
        }
        return sb.ToString();
    }

    private static List<(int Start, int End)> Hits(string folded, SearchQuery query)
    {
        var hits = new List<(int, int)>();
        foreach (var term in query.Terms)
        {
            for (var i = folded.IndexOf(term.Word, StringComparison.Ordinal); i >= 0; i = folded.IndexOf(term.Word, i + 1, StringComparison.Ordinal))
            {
                var startsWord = i == 0 || !char.IsLetterOrDigit(folded[i - 1]);
                var end = i + term.Word.Length;
                var endsWord = end == folded.Length || !char.IsLetterOrDigit(folded[end]);
                if (!startsWord || (!endsWord && !term.Prefix))
                {
                    continue;
                }
                while (term.Prefix && end < folded.Length && char.IsLetterOrDigit(folded[end]))
                {
                    end++;
                }
                hits.Add((i, end));
            }
        }
        hits.Sort();
        return hits;
    }

    /// <summary>Folds each character on its own, so positions in the folded text are positions in the original.</summary>
    private static string FoldSameLength(string text)
    {
        var chars = new char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < 128 || char.IsSurrogate(c))
            {
                chars[i] = char.ToLowerInvariant(c);
                continue;
            }
            var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
            chars[i] = char.ToLowerInvariant(decomposed.FirstOrDefault(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark, c));
        }
        return new string(chars);
    }
}
