using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Tertulia.Ingestion;
using Tertulia.Storage;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// What every format reader does alike: text out of HTML titles, links resolved against the feed's address, the
/// identity of an entry, and the list of what was read and skipped.
/// </summary>
internal sealed partial class FeedEntries(Uri? baseUri)
{
    public List<IncomingItem> Items { get; } = [];
    public List<CommentFeedLink> CommentFeeds { get; } = [];
    public List<SkippedItem> Skipped { get; } = [];
    public HashSet<string> Undated { get; } = [];

    private readonly Dictionary<string, string?> _urlsById = new(StringComparer.Ordinal);

    /// <summary>
    /// The entry's identity: its own id, else its link, else a hash of what it says. Two entries that share an id but
    /// not a link (a CMS that reuses ids) are two entries: the later one's id takes its link along.
    /// </summary>
    public string IdentityOf(string? id, string? url, string? title, string? body, string? date)
    {
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(body) && url is null)
        {
            throw new FormatException("it has no title, no content and no link: there is nothing to read");
        }
        var identity = Clean(id) ?? url;
        if (identity is null)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{title?.Trim()}\n{date?.Trim()}\n{body?.Trim()}"));
            identity = "sha256:" + Convert.ToHexStringLower(hash)[..32];
        }
        if (_urlsById.TryGetValue(identity, out var seen) && seen != url && url is not null)
        {
            identity = $"{identity} {url}";
        }
        _urlsById.TryAdd(identity, url);
        return identity;
    }

    public void Add(IncomingItem item, bool dated)
    {
        Items.Add(item);
        if (!dated)
        {
            Undated.Add(item.ExternalId);
        }
    }

    public void Skip(string kind, int index, string? title, Exception ex) =>
        Skipped.Add(new SkippedItem($"{kind} {index}{Describe(title)}", ex.InnerException is FormatException inner ? inner.Message : ex.Message));

    public ParsedFeed Result(string? title, FeedFormat format) =>
        new(Text(title), format, Items, CommentFeeds, Skipped) { Undated = Undated };

    /// <summary>An absolute http(s) link: relative and root-relative ones resolved against the feed's address.</summary>
    public string? Absolute(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }
        // Links broken over lines by the CMS are joined; "/blog/x" is not a file path on any web.
        var trimmed = url.Trim().Replace("\r", "").Replace("\n", "").Replace("\t", "");
        if (!trimmed.StartsWith('/') && Uri.TryCreate(trimmed, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
        }
        return baseUri is not null && Uri.TryCreate(baseUri, trimmed, out var resolved) && resolved.Scheme is "http" or "https"
            ? resolved.AbsoluteUri
            : null;
    }

    /// <summary>
    /// Plain text from a title as feeds carry it: HTML or XHTML markup removed, entities decoded once (a title
    /// double-encoded by its CMS, "&amp;amp;eacute;", arrives as "&amp;eacute;" from the XML and leaves as "é").
    /// </summary>
    public static string? Text(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        var text = value.Contains('<', StringComparison.Ordinal) ? Tags().Replace(value, " ") : value;
        text = WebUtility.HtmlDecode(text);
        text = Whitespace().Replace(text, " ").Trim();
        return text.Length == 0 ? null : text;
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>"ana@example.com (Ana Ruiz)" is how RSS writes an author: the name is what people know.</summary>
    public static string? PersonName(string? value)
    {
        var text = Text(value);
        if (text is null)
        {
            return null;
        }
        var m = EmailWithName().Match(text);
        return m.Success ? m.Groups[1].Value.Trim() : text;
    }

    public static string? Authors(IEnumerable<string?> names)
    {
        var distinct = names.Select(PersonName).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return distinct.Count == 0 ? null : string.Join(", ", distinct);
    }

    private static string Describe(string? title) =>
        Text(title) is { } text ? $" (\"{BoundedText.Snippet(text, 61)}\")" : "";

    /// <summary>WordPress and Blogger name their comment feeds in the feed title ("Comments on...", "Comentarios en...").</summary>
    public static bool LooksLikeCommentFeed(string? title) =>
        title is not null && (title.TrimStart().StartsWith("Comments", StringComparison.OrdinalIgnoreCase)
            || title.TrimStart().StartsWith("Comentarios", StringComparison.OrdinalIgnoreCase));

    public static string? WithoutFragment(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Query) : null;

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^\S+@\S+\s*\((.+)\)$")]
    private static partial Regex EmailWithName();
}
