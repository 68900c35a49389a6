using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Ganss.Xss;
using Tertulia.Mentions;

namespace Tertulia.Ingestion;

/// <summary>
/// Turns untrusted HTML from a channel into sanitized HTML safe to render and plain text for search,
/// both bounded in size.
/// </summary>
public sealed class MentionContent
{
    private readonly HtmlSanitizer _sanitizer;
    private readonly HtmlParser _parser = new();

    public MentionContent()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Clear();
        _sanitizer.AllowedSchemes.Add("http");
        _sanitizer.AllowedSchemes.Add("https");
        _sanitizer.AllowedSchemes.Add("mailto");
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedTags.Remove("form");
        _sanitizer.AllowedTags.Remove("input");
        _sanitizer.AllowedTags.Remove("button");
        _sanitizer.AllowedTags.Remove("textarea");
        _sanitizer.AllowedTags.Remove("select");
        _sanitizer.AllowDataAttributes = false;
        // Links from customers must not pass reputation nor reach back to the opener.
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } a)
            {
                a.SetAttribute("rel", "nofollow noopener noreferrer ugc");
                a.SetAttribute("target", "_blank");
            }
        };
    }

    public (string? Html, string Text) FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return (null, "");
        }
        var bounded = Truncate(html, MentionLimits.Html * 2);
        var safe = _sanitizer.Sanitize(bounded);
        if (safe.Length > MentionLimits.Html)
        {
            // Too large to keep as HTML: keep the text only, never a cut-off tag.
            safe = null;
        }
        var text = TextOf(safe ?? _sanitizer.Sanitize(bounded));
        return (string.IsNullOrWhiteSpace(safe) ? null : safe, text);
    }

    public string FromText(string? text) => Clean(WebUtility.HtmlDecode(text ?? ""), MentionLimits.Text);

    /// <summary>Collapses white space and removes control characters; cuts at <paramref name="max"/> characters.</summary>
    public static string Clean(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        var sb = new StringBuilder(Math.Min(value.Length, max));
        var pendingSpace = false;
        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (sb.Length + (pendingSpace ? 2 : 1) > max)
            {
                break;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(ch);
        }
        return sb.ToString();
    }

    public static string? CleanOptional(string? value, int max)
    {
        var cleaned = Clean(value, max);
        return cleaned.Length == 0 ? null : cleaned;
    }

    private string TextOf(string html)
    {
        using var doc = _parser.ParseDocument("<body>" + html + "</body>");
        // Block elements end a line of text; keep words from running together.
        foreach (var block in doc.QuerySelectorAll("p, br, div, li, h1, h2, h3, h4, blockquote"))
        {
            block.After(doc.CreateTextNode(" "));
        }
        return Clean(doc.Body?.TextContent, MentionLimits.Text);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
