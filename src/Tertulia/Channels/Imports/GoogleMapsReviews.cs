using System.Globalization;
using System.Text.Json;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Imports;

/// <summary>
/// Google reviews: the Business Profile export a business downloads (reviews.json:
/// <c>{"reviews": [{"name", "reviewer": {"displayName"}, "starRating": "FIVE", "comment", "createTime", "reviewReply"}]}</c>)
/// and the Google Maps Takeout of a person's reviews (Reviews.json, a GeoJSON FeatureCollection).
/// </summary>
public static class GoogleMapsReviews
{
    private static readonly string[] Stars = ["ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE"];

    public static ImportRead Read(byte[] file)
    {
        var rows = JsonRows.Read(file, 0, "reviews", "features")
            ?? throw new ImportException("This is not a Google reviews export (reviews.json or Takeout's Reviews.json).");
        var read = ImportRead.Empty();
        foreach (var (element, line) in rows)
        {
            if (element.Property("properties") is { } properties)
            {
                ReadTakeout(read, properties, line);
            }
            else
            {
                ReadBusinessProfile(read, element, line);
            }
        }
        return read;
    }

    private static void ReadBusinessProfile(ImportRead read, JsonElement review, int line)
    {
        var name = review.String("name");
        if (string.IsNullOrWhiteSpace(name))
        {
            read.Skip(line, "the review has no name (its id)");
            return;
        }
        var rating = Array.IndexOf(Stars, review.String("starRating") ?? "");
        var comment = OriginalText(review.String("comment"));
        if (rating < 1 && string.IsNullOrWhiteSpace(comment))
        {
            read.Skip(line, "the review has neither a star rating nor a comment");
            return;
        }
        if (!TryParseDate(review.String("createTime"), out var created))
        {
            read.Skip(line, $"createTime '{review.String("createTime")}' is not a date");
            return;
        }
        read.Items.Add(new IncomingItem
        {
            ExternalId = name,
            Author = review.String("reviewer", "displayName"),
            Published = created,
            Title = rating > 0 ? StarsText(rating) : null,
            Text = string.IsNullOrWhiteSpace(comment) ? StarsText(rating) : comment,
        });
        if (review.Property("reviewReply") is { } reply && OriginalText(reply.String("comment")) is { Length: > 0 } answer)
        {
            read.Items.Add(new IncomingItem
            {
                ExternalId = name + "/reply",
                Published = TryParseDate(reply.String("updateTime"), out var answered) ? answered : created,
                Text = answer,
                ParentExternalId = name,
                IsComment = true,
            });
        }
    }

    private static void ReadTakeout(ImportRead read, JsonElement properties, int line)
    {
        var text = OriginalText(properties.String("review_text_published"));
        var rating = (int)(properties.Number("five_star_rating_published") ?? 0);
        if (rating < 1 && string.IsNullOrWhiteSpace(text))
        {
            read.Skip(line, "the review has neither a rating nor a text");
            return;
        }
        if (!TryParseDate(properties.String("date"), out var date))
        {
            read.Skip(line, $"date '{properties.String("date")}' is not a date");
            return;
        }
        var url = properties.String("google_maps_url");
        var place = properties.String("location", "name");
        read.Items.Add(new IncomingItem
        {
            ExternalId = url is not null ? StableId.Of("google-maps", url, date.ToString("O")) : StableId.Of("google-maps", place, date.ToString("O"), text),
            Url = url,
            Published = date,
            Title = rating > 0 ? $"{place} · {StarsText(rating)}" : place,
            Text = string.IsNullOrWhiteSpace(text) ? StarsText(rating) : text,
        });
    }

    /// <summary>Google adds a translation above the original: keep what the customer wrote.</summary>
    public static string? OriginalText(string? comment)
    {
        if (comment is null)
        {
            return null;
        }
        const string original = "(Original)";
        var at = comment.IndexOf(original, StringComparison.Ordinal);
        return comment.StartsWith("(Translated by Google)", StringComparison.Ordinal) && at > 0
            ? comment[(at + original.Length)..].Trim()
            : comment.Trim();
    }

    private static string StarsText(int rating) => new string('★', rating) + new string('☆', 5 - rating);

    private static bool TryParseDate(string? value, out DateTimeOffset date) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
}
