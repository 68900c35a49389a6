using System.Collections.Concurrent;
using System.Threading.Channels;
using Tertulia.Storage;

namespace Tertulia.Mentions.Live;

/// <summary>New mentions were stored in a workspace (by any node).</summary>
public sealed record MentionsArrived(int WorkspaceId, int ChannelId, int Count);

/// <summary>
/// This node's fan-out of <see cref="MentionsArrived"/> to the people watching a workspace. Each watcher gets a small
/// bounded queue; a watcher too slow to read loses the oldest news (it only ever means "reload"), never blocks ingestion.
/// </summary>
public sealed class MentionEvents(StoreConnection store)
{
    private readonly ConcurrentDictionary<Guid, (int WorkspaceId, Channel<MentionsArrived> Queue)> _watchers = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this node hears other nodes' news (at once on SQLite: there are none).</summary>
    public Task Ready => store.Kind == StoreKind.Sqlite ? Task.CompletedTask : _listening.Task;

    internal void Listening() => _listening.TrySetResult();

    public Watcher Watch(int workspaceId)
    {
        var id = Guid.NewGuid();
        var queue = Channel.CreateBounded<MentionsArrived>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers[id] = (workspaceId, queue);
        return new Watcher(queue.Reader, () => _watchers.TryRemove(id, out _));
    }

    public void Publish(MentionsArrived arrived)
    {
        foreach (var (_, watcher) in _watchers)
        {
            if (watcher.WorkspaceId == arrived.WorkspaceId)
            {
                watcher.Queue.Writer.TryWrite(arrived);
            }
        }
    }

    public sealed class Watcher(ChannelReader<MentionsArrived> reader, Action stop) : IDisposable
    {
        public ChannelReader<MentionsArrived> Reader { get; } = reader;

        public void Dispose() => stop();
    }
}
