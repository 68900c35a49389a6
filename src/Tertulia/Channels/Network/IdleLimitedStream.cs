namespace Tertulia.Channels.Network;

/// <summary>
/// A read-only stream that fails with a clear <see cref="ChannelException"/> when a read waits longer than the
/// idle-read limit, or when the fetch's total time is up, instead of waiting for a server that trickles or hangs.
/// </summary>
internal sealed class IdleLimitedStream(Stream inner, FetchDeadline deadline, CancellationToken caller) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        idle.CancelAfter(deadline.IdleRead);
        try
        {
            return await inner.ReadAsync(buffer, idle.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && idle.IsCancellationRequested
            && !ct.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            throw deadline.Expired ? deadline.TotalExceeded(ex) : deadline.IdleExceeded(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    // Network bodies are read asynchronously everywhere; a synchronous reader still gets the same limits.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
