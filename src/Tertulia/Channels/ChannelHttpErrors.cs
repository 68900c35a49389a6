namespace Tertulia.Channels;

/// <summary>What every channel's HTTP client shares: the channel error hidden in an HTTP failure.</summary>
internal static class ChannelHttpErrors
{
    /// <summary>The address policy's refusal travels inside HttpRequestException: surface it as it is.</summary>
    public static ChannelException? Find(Exception? ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is ChannelException channel)
            {
                return channel;
            }
        }
        return null;
    }
}
