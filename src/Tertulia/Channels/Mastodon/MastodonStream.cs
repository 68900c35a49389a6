using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Mastodon;

/// <summary>One server-sent event of Mastodon's streaming API (<c>event: notification</c> + <c>data: {...}</c>).</summary>
public sealed record StreamEvent(string Event, string Data)
{
    /// <summary>
    /// What the event says that is worth storing: a mention notification's status, or a status from a hashtag
    /// stream. Deletes, favourites, filter changes and heartbeats say nothing to store.
    /// </summary>
    public IncomingItem? ToItem()
    {
        try
        {
            return Event switch
            {
                "notification" => JsonSerializer.Deserialize<MastodonNotification>(Data, MastodonJson.Options) is { Type: "mention", Status: { } status }
                    && status.Visibility != "direct" ? status.ToItem() : null,
                "update" or "status.update" => JsonSerializer.Deserialize<MastodonStatus>(Data, MastodonJson.Options) is { } status
                    && status.Visibility != "direct" ? (status.Reblog ?? status).ToItem() : null,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Reads a text/event-stream (the SSE wire format Mastodon's streaming API speaks).</summary>
public static class MastodonStream
{
    /// <summary>A line longer than this is not a Mastodon event: the stream is dropped rather than buffered forever.</summary>
    public const int MaxEventChars = 1024 * 1024;

    public static async IAsyncEnumerable<StreamEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var name = "message";
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return new StreamEvent(name, data.ToString());
                }
                name = "message";
                data.Clear();
                continue;
            }
            if (line.StartsWith(':'))
            {
                continue; // ":thump" and ":)": heartbeats
            }
            var colon = line.IndexOf(':');
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            if (field == "event")
            {
                name = value;
            }
            else if (field == "data")
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }
                data.Append(value);
                if (data.Length > MaxEventChars)
                {
                    throw new ChannelException("The streaming server sent an event larger than 1 MB.");
                }
            }
        }
        if (data.Length > 0)
        {
            yield return new StreamEvent(name, data.ToString());
        }
    }
}
