using Tertulia.Mentions;

namespace Tertulia.Listening;

/// <summary>
/// What a listening query looks at in a mention: its words and the fields a query can name.
/// <see cref="Channel"/> is the channel's name and kind; <see cref="Sentiment"/> is "positive", "negative" or
/// "neutral" once Understanding has classified the mention.
/// </summary>
public sealed record MentionDocument(string? Title, string Text)
{
    public string? Author { get; init; }
    public string? Url { get; init; }
    public string? Language { get; init; }
    public string? Channel { get; init; }
    public string? Sentiment { get; init; }

    /// <summary>The host of <see cref="Url"/>, lower case, for <c>site:</c>.</summary>
    public string? Host => Url is null ? null : Url[HostRange(Url)].ToLowerInvariant();

    /// <summary>Where the host sits in an absolute URL, found without parsing it (matching must not allocate).</summary>
    internal static Range HostRange(string url)
    {
        var span = url.AsSpan();
        var scheme = span.IndexOf("://");
        if (scheme < 0)
        {
            return 0..0;
        }
        var start = scheme + 3;
        var end = span[start..].IndexOfAny("/?#");
        end = end < 0 ? span.Length : start + end;
        var at = span[start..end].LastIndexOf('@');
        if (at >= 0)
        {
            start += at + 1;
        }
        var port = span[start..end].LastIndexOf(':');
        if (port >= 0 && span[start..end].IndexOf(']') < port)
        {
            end = start + port;
        }
        return start..end;
    }

    public static MentionDocument From(Mention mention, Channels.Channel? channel = null) => new(mention.Title, mention.Text)
    {
        Author = mention.Author,
        Url = mention.Url,
        Language = mention.Language,
        Channel = channel is null ? null : ChannelLabel(channel),
        Sentiment = SentimentName(mention.Sentiment),
    };

    /// <summary>"positive", "negative", "neutral": the names <c>sentiment:</c> compares with.</summary>
    public static string? SentimentName(Understanding.Sentiment? sentiment) => sentiment?.ToString().ToLowerInvariant();

    /// <summary><c>channel:</c> matches the channel's name or its kind ("feed").</summary>
    public static string ChannelLabel(Channels.Channel channel) => $"{channel.Name} {channel.Kind}";
}
