using System.Text;

namespace Tertulia.Listening;

/// <summary>Cuts a readable snippet of a mention around the words a query looks for and marks them, ignoring accents and case.</summary>
public static class MentionSnippet
{
    public static string Html(string text, QueryHighlights highlights, int length = 280)
    {
        var hits = highlights.Find(text);
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
            sb.Append(Encode(text[pos..hitStart]));
            sb.Append("<mark>").Append(Encode(text[hitStart..hitEnd])).Append("</mark>");
            pos = hitEnd;
        }
        sb.Append(Encode(text[pos..end]));
        if (end < text.Length)
        {
            sb.Append(" …");
        }
        return sb.ToString();
    }

    /// <summary>Escapes only what HTML needs, so "cruasán" stays readable in the markup.</summary>
    private static string Encode(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        }
        return sb.ToString();
    }
}
