using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Tertulia.Channels;

/// <summary>
/// At most <see cref="PollingOptions.PerHost"/> polls talk to the same host at once: a workspace with twenty
/// feeds on one blog platform, or mailboxes on one provider, must not look like an attack to it.
/// </summary>
public sealed class HostLimiter(IOptions<PollingOptions> options)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(string host, CancellationToken ct)
    {
        var gate = _hosts.GetOrAdd(host, _ => new SemaphoreSlim(Math.Max(1, options.Value.PerHost)));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    /// <summary>
    /// The server a channel talks to: the host of its source URL (feed, imap://...) with its port when one is written
    /// (another port is another server), else the source itself.
    /// </summary>
    public static string HostOf(string source) =>
        Uri.TryCreate(source, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host)
            ? uri.IsDefaultPort ? uri.Host : uri.Authority
            : source;

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
