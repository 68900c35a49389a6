using System.Globalization;
using System.Text.Json;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Imports;

/// <summary>
/// The tweets of an X/Twitter archive: data/tweets.js, a script assigning the array
/// (<c>window.YTD.tweets.part0 = [ { "tweet": { "id_str": ..., "full_text": ..., "created_at": ... } } ]</c>).
/// </summary>
public static class TwitterArchive
{
    public static ImportRead Read(byte[] file, string? author)
    {
        var start = Array.IndexOf(file, (byte)'[');
        if (start < 0 || !System.Text.Encoding.UTF8.GetString(file, 0, start).Contains("window.YTD.", StringComparison.Ordinal))
        {
            throw new ImportException("This is not an X/Twitter archive's tweets.js (it should begin with \"window.YTD.tweets.part0 = [\").");
        }
        var rows = JsonRows.Read(file, start) ?? throw new ImportException("tweets.js holds no array of tweets.");
        var read = ImportRead.Empty();
        foreach (var (element, line) in rows)
        {
            var tweet = element.Property("tweet") ?? element;
            var id = tweet.String("id_str") ?? tweet.String("id");
            var text = tweet.String("full_text") ?? tweet.String("text");
            if (string.IsNullOrWhiteSpace(id) || !id.All(char.IsAsciiDigit))
            {
                read.Skip(line, "the tweet has no id_str");
                continue;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                read.Skip(line, $"tweet {id} has no full_text");
                continue;
            }
            if (!TryParseDate(tweet.String("created_at"), out var published))
            {
                read.Skip(line, $"tweet {id}: created_at '{tweet.String("created_at")}' is not a date");
                continue;
            }
            var parent = tweet.String("in_reply_to_status_id_str");
            read.Items.Add(new IncomingItem
            {
                ExternalId = id,
                Url = $"https://x.com/i/web/status/{id}",
                Author = author,
                Published = published,
                Text = text,
                Language = tweet.String("lang") is { Length: 2 } lang ? lang : null,
                ParentExternalId = string.IsNullOrEmpty(parent) ? null : parent,
                ParentUrl = string.IsNullOrEmpty(parent) ? null : $"https://x.com/i/web/status/{parent}",
                IsComment = !string.IsNullOrEmpty(parent),
            });
        }
        return read;
    }

    /// <summary>"Wed Oct 10 20:19:24 +0000 2018".</summary>
    public static bool TryParseDate(string? value, out DateTimeOffset date)
    {
        date = default;
        var parts = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 6 } || parts[4].Length != 5)
        {
            return false;
        }
        var offset = parts[4][..3] + ":" + parts[4][3..];
        return DateTimeOffset.TryParseExact($"{parts[1]} {parts[2]} {parts[5]} {parts[3]} {offset}", "MMM d yyyy HH:mm:ss zzz",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
