using System.Text.Json;
using Tertulia.Channels.Feeds;
using Xunit;

namespace Tertulia.Tests.Channels.Feeds;

/// <summary>
/// The testdata table: every document in testdata/feeds/table, written to the formats' specs and to what WordPress,
/// Blogger, Substack, Medium, podcast hosts, FeedBurner and old CMSes emit, beside the result it must give
/// (name.expected.json). A field absent from the expectation is not checked; null means "must be empty".
/// </summary>
public class FeedTableTests
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "testdata", "feeds", "table");

    public static TheoryData<string> Documents()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal)).Order())
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Each_document_reads_as_its_table_row_says(string file)
    {
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, Path.GetFileNameWithoutExtension(file) + ".expected.json")));
        var row = expected.RootElement;
        var baseUri = new Uri(row.TryGetProperty("base", out var b) ? b.GetString()! : "http://127.0.0.1:9/feed/");

        var feed = FeedParser.Parse(File.ReadAllBytes(Path.Combine(Folder, file)), baseUri);

        Assert.Equal(row.GetProperty("format").GetString(), feed.Format.ToString());
        Assert.Equal(row.GetProperty("title").GetString(), feed.Title);
        Assert.True(row.GetProperty("skipped").GetInt32() == feed.Skipped.Count, $"skipped: {string.Join("; ", feed.Skipped)}");
        if (row.TryGetProperty("commentFeeds", out var commentFeeds))
        {
            Assert.Equal(commentFeeds.GetInt32(), feed.CommentFeeds.Count);
        }
        var items = row.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(items.Count, feed.Items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var want = items[i];
            var got = feed.Items[i];
            var where = $"item {i + 1} of {file}";
            Check(want, "id", got.ExternalId, where);
            Check(want, "url", got.Url, where);
            Check(want, "title", got.Title, where);
            Check(want, "author", got.Author, where);
            Check(want, "authorUrl", got.AuthorUrl, where);
            if (want.TryGetProperty("idStartsWith", out var prefix))
            {
                Assert.StartsWith(prefix.GetString()!, got.ExternalId);
            }
            if (want.TryGetProperty("published", out var published))
            {
                Assert.True(
                    published.ValueKind == JsonValueKind.Null ? got.Published is null : got.Published == DateTimeOffset.Parse(published.GetString()!),
                    $"{where}: published {got.Published:O}, expected {published}");
            }
            if (want.TryGetProperty("undated", out var undated))
            {
                Assert.Equal(undated.GetBoolean(), feed.Undated.Contains(got.ExternalId));
            }
            if (want.TryGetProperty("htmlContains", out var html))
            {
                Assert.Contains(html.GetString()!, got.Html ?? "");
            }
            if (want.TryGetProperty("textContains", out var text))
            {
                Assert.Contains(text.GetString()!, got.Text ?? "");
            }
        }
    }

    [Fact]
    public void Every_format_has_rows_in_the_table()
    {
        var formats = Directory.GetFiles(Folder).Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
            .Select(f => FeedParser.Parse(File.ReadAllBytes(f)).Format).ToHashSet();

        Assert.Equal(Enum.GetValues<FeedFormat>().ToHashSet(), formats);
    }

    private static void Check(JsonElement want, string field, string? actual, string where)
    {
        if (want.TryGetProperty(field, out var value))
        {
            Assert.True(value.ValueKind == JsonValueKind.Null ? actual is null : value.GetString() == actual,
                $"{where}: {field} was \"{actual}\", expected \"{value}\"");
        }
    }
}
