using Microsoft.Extensions.Options;

namespace Tertulia.Channels.Network;

/// <summary>
/// The one time rule every channel kind fetches under (feeds, Mastodon, Bluesky, IMAP, webhook bodies): a total
/// time per fetch and an idle-read limit, both from <see cref="NetworkOptions"/>. A slow or stuck server then costs
/// its own channel a clear error, never the polling of anything else.
/// </summary>
public sealed class FetchLimits(IOptions<NetworkOptions> options)
{
    public TimeSpan Total => options.Value.FetchTimeout;

    public TimeSpan IdleRead => options.Value.IdleReadTimeout;

    /// <summary>Starts the clock of one fetch from <paramref name="server"/> (a host name, as the person knows it).</summary>
    public FetchDeadline Start(string server, CancellationToken ct) => new(server, Total, IdleRead, ct);
}

/// <summary>One fetch's clock: its token ends at the total time; <see cref="Watch"/> adds the idle-read limit to a stream.</summary>
public sealed class FetchDeadline : IDisposable
{
    private readonly CancellationTokenSource _total;
    private readonly CancellationToken _caller;

    internal FetchDeadline(string server, TimeSpan total, TimeSpan idleRead, CancellationToken caller)
    {
        Server = server;
        TotalTime = total;
        IdleRead = idleRead;
        _caller = caller;
        _total = CancellationTokenSource.CreateLinkedTokenSource(caller);
        _total.CancelAfter(total);
    }

    public string Server { get; }
    public TimeSpan TotalTime { get; }
    public TimeSpan IdleRead { get; }

    /// <summary>Cancelled when the total time is up (or the caller gave up).</summary>
    public CancellationToken Token => _total.Token;

    /// <summary>The total time ran out; the caller itself did not cancel.</summary>
    public bool Expired => _total.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>A view of <paramref name="stream"/> whose reads fail clearly after <see cref="IdleRead"/> without a byte, or at the total time.</summary>
    public Stream Watch(Stream stream) => new IdleLimitedStream(stream, this, _caller);

    public ChannelException TotalExceeded(Exception? inner = null) => new(
        $"{Server} did not finish sending within {Seconds(TotalTime)} (the time limit of one fetch, Tertulia:Network:FetchTimeout); the fetch was cut off.",
        inner);

    public ChannelException IdleExceeded(Exception? inner = null) => new(
        $"{Server} stopped sending: nothing arrived for {Seconds(IdleRead)} (the idle-read limit, Tertulia:Network:IdleReadTimeout); the fetch was cut off.",
        inner);

    public void Dispose() => _total.Dispose();

    private static string Seconds(TimeSpan time) => time.TotalSeconds >= 1 ? $"{time.TotalSeconds:0.#} s" : $"{time.TotalMilliseconds:0} ms";
}
