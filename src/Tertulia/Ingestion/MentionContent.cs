using System.Net;
using System.Text;
using Ganss.Xss;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Ingestion;

/// <summary>
/// Turns untrusted HTML from a channel into sanitized HTML safe to render and plain text for search,
/// both bounded in size.
/// </summary>
public sealed class MentionContent
{
    private readonly HtmlSanitizer _sanitizer;

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

    /// <summary>Sanitizes <paramref name="html"/> and extracts its text from the same parsed document. Thread-safe.</summary>
    public (string? Html, string Text) FromHtml(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return (null, "");
        }
        var bounded = BoundedText.Clip(html, MentionLimits.Html * 2);
        if (bounded.IndexOfAny(['<', '&']) < 0)
        {
            // Plain text in an HTML field: nothing to sanitize, only to escape.
            var plain = Clean(bounded, MentionLimits.Text);
            return (WebUtility.HtmlEncode(plain), plain);
        }
        using var doc = _sanitizer.SanitizeDom(bounded);
        var body = doc.Body;
        if (body is null)
        {
            return (null, "");
        }
        var safe = body.InnerHtml;
        var text = TextOf(body);
        // Too large to keep as HTML: keep the text only, never a cut-off tag.
        return (string.IsNullOrWhiteSpace(safe) || safe.Length > MentionLimits.Html ? null : safe, text);
    }

    public string FromText(string? text) => Clean(WebUtility.HtmlDecode(text ?? ""), MentionLimits.Text);

    /// <summary>Collapses white space and removes control characters; cuts at <paramref name="max"/> characters.</summary>
    public static string Clean(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        value = Tertulia.Listening.TextFolding.WellFormed(value);
        var sb = new StringBuilder(Math.Min(value.Length, max));
        var pendingSpace = false;
        foreach (var ch in value)
        {
            if (char.IsWhiteSpace(ch) || char.IsControl(ch))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (sb.Length + (pendingSpace ? 2 : 1) > max || (char.IsHighSurrogate(ch) && sb.Length + (pendingSpace ? 3 : 2) > max))
            {
                break; // never cut an emoji in half
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

    private static string TextOf(AngleSharp.Dom.IElement body)
    {
        // Block elements end a line of text; keep words from running together.
        foreach (var block in body.QuerySelectorAll("p, br, div, li, h1, h2, h3, h4, blockquote"))
        {
            block.After(body.Owner!.CreateTextNode(" "));
        }
        return Clean(body.TextContent, MentionLimits.Text);
    }

}
