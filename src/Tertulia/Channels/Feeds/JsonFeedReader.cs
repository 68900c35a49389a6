using System.Text.Json;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Feeds;

/// <summary>
/// JSON Feed 1.0 and 1.1 (jsonfeed.org): author (1.0) and authors (1.1), at item or feed level; content_html over
/// content_text; url, else external_url. A malformed item is skipped with its reason, the rest are read.
/// </summary>
internal static class JsonFeedReader
{
    public static ParsedFeed Read(JsonElement root, FeedFormat format, Uri? baseUri)
    {
        var entries = new FeedEntries(baseUri);
        var feedAuthors = Authors(root);
        var title = String(root, "title");
        var isCommentFeed = FeedEntries.LooksLikeCommentFeed(title);
        if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in items.EnumerateArray())
            {
                index++;
                try
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        throw new FormatException($"it is a JSON {item.ValueKind.ToString().ToLowerInvariant()}, not an object");
                    }
                    Read(item, entries, feedAuthors, isCommentFeed);
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
                {
                    entries.Skip("item", index, item.ValueKind == JsonValueKind.Object ? String(item, "title") : null, ex);
                }
            }
        }
        return entries.Result(title, format);
    }

    private static void Read(JsonElement item, FeedEntries entries, string? feedAuthors, bool isCommentFeed)
    {
        var title = String(item, "title");
        var link = entries.Absolute(String(item, "url")) ?? entries.Absolute(String(item, "external_url"));
        var html = String(item, "content_html");
        var text = String(item, "content_text") ?? String(item, "summary");
        var dateText = String(item, "date_published") ?? String(item, "date_modified");
        var published = FeedDates.Parse(dateText);
        var externalId = entries.IdentityOf(String(item, "id"), link, title, html ?? text, dateText);
        var isComment = isCommentFeed || link?.Contains("#comment-", StringComparison.Ordinal) == true;
        entries.Add(new IncomingItem
        {
            ExternalId = externalId,
            Url = link,
            Author = Authors(item) ?? feedAuthors,
            AuthorUrl = entries.Absolute(AuthorUrl(item)),
            Published = published,
            Title = isComment ? null : FeedEntries.Text(title),
            Html = html,
            Text = html is null ? text : null,
            Language = String(item, "language"),
            IsComment = isComment,
            ParentUrl = isComment ? FeedEntries.WithoutFragment(link) : null,
        }, published is not null);
    }

    private static string? Authors(JsonElement owner)
    {
        var names = new List<string?>();
        if (owner.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            names.AddRange(authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => String(a, "name")));
        }
        if (owner.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object)
        {
            names.Add(String(author, "name"));
        }
        return FeedEntries.Authors(names);
    }

    private static string? AuthorUrl(JsonElement item)
    {
        if (item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            return authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => String(a, "url")).FirstOrDefault(u => u is not null);
        }
        return item.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object ? String(author, "url") : null;
    }

    /// <summary>A string property; numbers are accepted as text (ids often are numbers).</summary>
    private static string? String(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => FeedEntries.Clean(value.GetString()),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
