using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Mentions.Live;

/// <summary>
/// Tells every node that mentions were stored. On PostgreSQL a NOTIFY inside the storing transaction (sent only if it
/// commits) reaches every node's <see cref="PostgresMentionListener"/>; on SQLite there is one process, so the news is
/// published in-process once the transaction has committed.
/// </summary>
public sealed class MentionNotifier(StoreConnection store, MentionEvents events)
{
    public const string PostgresChannel = "tertulia_mentions";

    public async Task InTransactionAsync(TertuliaDb db, MentionsArrived arrived, CancellationToken ct)
    {
        if (store.Kind == StoreKind.Postgres && arrived.Count > 0)
        {
            var payload = $"{arrived.WorkspaceId}:{arrived.ChannelId}:{arrived.Count}";
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({PostgresChannel}, {payload})", ct);
        }
    }

    public void Committed(MentionsArrived arrived)
    {
        if (store.Kind == StoreKind.Sqlite && arrived.Count > 0)
        {
            events.Publish(arrived);
        }
    }

    public static MentionsArrived? Parse(string payload)
    {
        var parts = payload.Split(':');
        return parts.Length == 3 && int.TryParse(parts[0], out var w) && int.TryParse(parts[1], out var c) && int.TryParse(parts[2], out var n)
            ? new MentionsArrived(w, c, n)
            : null;
    }
}
