using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Channels;

/// <summary>"Poll now": makes a channel due at once and wakes the poller.</summary>
public sealed class PollChannelNow(IDbContextFactory<TertuliaDb> dbs, ChannelPollingService polling, TimeProvider clock)
{
    public async Task<bool> HandleAsync(int workspaceId, int channelId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var updated = await db.Channels
            .Where(c => c.Id == channelId && c.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextPollAt, now), ct);
        if (updated > 0)
        {
            polling.Wake();
        }
        return updated > 0;
    }
}
