using System.Text;
using System.Text.Json;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Imports;

/// <summary>
/// Comments exported from Meta's "Download your information": Facebook's comments.json
/// (<c>{"comments_v2": [{"timestamp", "data": [{"comment": {"comment", "author", "timestamp"}}], "title"}]}</c>) and
/// Instagram's post_comments_1.json (<c>[{"string_map_data": {"Comment": {"value"}, "Time": {"timestamp"}}}]</c>).
/// </summary>
public static class FacebookComments
{
    public static ImportRead Read(byte[] file)
    {
        var rows = JsonRows.Read(file, 0, "comments_v2", "comments_media_comments", "comments_reels_comments")
            ?? throw new ImportException("This is not a Facebook comments.json nor an Instagram comments export.");
        var read = ImportRead.Empty();
        foreach (var (element, line) in rows)
        {
            if (element.Property("string_map_data") is { } instagram)
            {
                ReadInstagram(read, instagram, line);
            }
            else
            {
                ReadFacebook(read, element, line);
            }
        }
        return read;
    }

    private static void ReadFacebook(ImportRead read, JsonElement entry, int line)
    {
        var comment = entry.Property("data") is { ValueKind: JsonValueKind.Array } data
            ? data.EnumerateArray().Select(d => d.Property("comment")).FirstOrDefault(c => c is not null)
            : null;
        var text = Fix(comment?.String("comment"));
        if (comment is null || string.IsNullOrWhiteSpace(text))
        {
            read.Skip(line, "the entry has no comment text");
            return;
        }
        var timestamp = comment.Value.Number("timestamp") ?? entry.Number("timestamp");
        if (timestamp is not > 0)
        {
            read.Skip(line, "the comment has no timestamp");
            return;
        }
        var author = Fix(comment.Value.String("author"));
        var url = entry.Property("attachments") is { ValueKind: JsonValueKind.Array } attachments
            ? attachments.EnumerateArray()
                .SelectMany(a => a.Property("data") is { ValueKind: JsonValueKind.Array } d ? d.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Select(d => d.String("external_context", "url"))
                .FirstOrDefault(u => u is not null)
            : null;
        read.Items.Add(new IncomingItem
        {
            ExternalId = StableId.Of("facebook", author, timestamp.ToString(), text),
            Author = author,
            Published = DateTimeOffset.FromUnixTimeSeconds(timestamp.Value),
            Title = Fix(entry.String("title")),
            Text = text,
            Url = url,
            IsComment = true,
        });
    }

    private static void ReadInstagram(ImportRead read, JsonElement map, int line)
    {
        var text = Fix(map.String("Comment", "value"));
        var timestamp = map.Number("Time", "timestamp");
        if (string.IsNullOrWhiteSpace(text))
        {
            read.Skip(line, "the entry has no Comment value");
            return;
        }
        if (timestamp is not > 0)
        {
            read.Skip(line, "the comment has no Time timestamp");
            return;
        }
        var owner = Fix(map.String("Media Owner", "value"));
        read.Items.Add(new IncomingItem
        {
            ExternalId = StableId.Of("instagram", owner, timestamp.ToString(), text),
            Published = DateTimeOffset.FromUnixTimeSeconds(timestamp.Value),
            Title = owner is null ? null : $"Comentario en una publicación de @{owner}",
            Text = text,
            IsComment = true,
        });
    }

    /// <summary>
    /// Meta's exports write UTF-8 bytes as if each were a Latin-1 character ("PanaderÃ­a"): undo that when
    /// the string is exactly such a mis-decoding, leave it alone otherwise.
    /// </summary>
    public static string? Fix(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.All(c => c < 0x80) || value.Any(c => c > 0xFF))
        {
            return value;
        }
        var bytes = value.Select(c => (byte)c).ToArray();
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return value;
        }
    }
}
