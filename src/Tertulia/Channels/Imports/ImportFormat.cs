using System.Security.Cryptography;
using System.Text;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Imports;

/// <summary>The exports Tertulia reads: what closed networks give their users to download.</summary>
public enum ImportFormat
{
    /// <summary>X/Twitter archive: data/tweets.js (window.YTD.tweets.part0 = [...]).</summary>
    Twitter,
    /// <summary>Facebook comments.json (comments_v2) or Instagram post_comments_1.json.</summary>
    Facebook,
    /// <summary>Google Business Profile reviews.json, or Google Maps (Takeout) Reviews.json.</summary>
    GoogleMaps,
    /// <summary>Any CSV, with a column mapping.</summary>
    Csv,
}

public static class ImportFormats
{
    public static bool TryParse(string? value, out ImportFormat format)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "twitter" or "x":
                format = ImportFormat.Twitter;
                return true;
            case "facebook" or "instagram":
                format = ImportFormat.Facebook;
                return true;
            case "google-maps" or "googlemaps" or "google":
                format = ImportFormat.GoogleMaps;
                return true;
            case "csv":
                format = ImportFormat.Csv;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string Key(ImportFormat format) => format switch
    {
        ImportFormat.Twitter => "twitter",
        ImportFormat.Facebook => "facebook",
        ImportFormat.GoogleMaps => "google-maps",
        _ => "csv",
    };

    public static string DisplayName(ImportFormat format) => format switch
    {
        ImportFormat.Twitter => "X/Twitter",
        ImportFormat.Facebook => "Facebook/Instagram",
        ImportFormat.GoogleMaps => "Google Maps",
        _ => "CSV",
    };
}

/// <summary>What a reader got out of a file: the items and the rows it had to skip, with their line.</summary>
public sealed record ImportRead(List<IncomingItem> Items, List<SkippedItem> Skipped)
{
    public static ImportRead Empty() => new([], []);

    public void Skip(int line, string reason) => Skipped.Add(new SkippedItem($"line {line}", reason));
}

/// <summary>The file as a whole cannot be read (not JSON, not the expected export...).</summary>
public sealed class ImportException(string message) : Exception(message);

internal static class StableId
{
    /// <summary>Exports without ids get one from their content, so importing the same file twice adds nothing.</summary>
    public static string Of(string prefix, params string?[] parts) =>
        prefix + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u001f", parts))))[..32];
}
