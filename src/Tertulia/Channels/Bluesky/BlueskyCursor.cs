using System.Text.Json;

namespace Tertulia.Channels.Bluesky;

/// <summary>A Bluesky channel's position: the firehose sequence number of the last frame whose posts are stored.</summary>
public sealed record BlueskyCursor(long? Seq)
{
    public static BlueskyCursor Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new BlueskyCursor((long?)null);
        }
        try
        {
            return JsonSerializer.Deserialize<BlueskyCursor>(json) ?? new BlueskyCursor((long?)null);
        }
        catch (JsonException)
        {
            return new BlueskyCursor((long?)null);
        }
    }

    /// <summary>Never moves back: the live stream and a "poll now" may store in either order.</summary>
    public static string Advance(string? stored, long? seq)
    {
        var current = Parse(stored).Seq;
        return JsonSerializer.Serialize(new BlueskyCursor(seq is { } s && (current is null || s > current) ? s : current));
    }
}
