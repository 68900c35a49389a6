namespace Tertulia.Channels.Bluesky;

/// <summary>
/// What a Bluesky channel keeps encrypted (<see cref="ChannelSecrets"/>): the PDS, the handle and app password it
/// signs in with, the session tokens it holds, and where it listens.
/// </summary>
public sealed record BlueskyAccount
{
    /// <summary>The account's PDS (https://bsky.social for most people), where sessions and records are made.</summary>
    public required string Service { get; init; }
    public required string Handle { get; init; }
    public required string AppPassword { get; init; }
    public string? Did { get; init; }
    public string? AccessJwt { get; init; }
    public string? RefreshJwt { get; init; }
    /// <summary>The firehose to listen to: the PDS itself, or a relay (wss://bsky.network) to hear the whole network.</summary>
    public string? Firehose { get; init; }

    public Uri FirehoseUri(long? cursor)
    {
        var baseUri = new Uri(string.IsNullOrEmpty(Firehose) ? Service : Firehose);
        var scheme = baseUri.Scheme switch { "https" or "wss" => "wss", _ => "ws" };
        var builder = new UriBuilder(baseUri) { Scheme = scheme, Path = "/xrpc/com.atproto.sync.subscribeRepos", Query = cursor is { } c ? $"cursor={c}" : "" };
        return builder.Uri;
    }
}

/// <summary>The session com.atproto.server.createSession and refreshSession answer.</summary>
public sealed record BlueskySession(string Did, string Handle, string AccessJwt, string RefreshJwt);
