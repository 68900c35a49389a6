namespace Tertulia.Storage;

/// <summary>
/// SQLite has one writer at a time: writers queue here instead of spinning on SQLITE_BUSY (and a SQLite file belongs
/// to one process, so this also orders what <see cref="StoreLocks"/> orders on PostgreSQL). PostgreSQL gets a gate
/// that never waits: there the advisory locks of <see cref="StoreLocks"/> order writers of every node.
/// </summary>
public sealed class WriteGate(bool exclusive)
{
    private readonly SemaphoreSlim? _semaphore = exclusive ? new SemaphoreSlim(1, 1) : null;

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        if (_semaphore is null)
        {
            return NoLock.Instance;
        }
        await _semaphore.WaitAsync(ct);
        return new Release(_semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed class NoLock : IDisposable
    {
        public static readonly NoLock Instance = new();
        public void Dispose() { }
    }
}
