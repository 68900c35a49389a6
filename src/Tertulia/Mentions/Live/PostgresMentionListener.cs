using Npgsql;
using Tertulia.Storage;

namespace Tertulia.Mentions.Live;

/// <summary>
/// On PostgreSQL, one connection per node LISTENs for <see cref="MentionNotifier.PostgresChannel"/> and hands every
/// notification to this node's watchers, so a person connected to any node sees mentions another node stored.
/// A dropped connection is reopened; what was said meanwhile is lost, which only means a later reload.
/// </summary>
public sealed class PostgresMentionListener(StoreConnection store, MentionEvents events, ILogger<PostgresMentionListener> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Kind != StoreKind.Postgres)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Listening for new mentions failed; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        // Its own connection, out of the pool: it waits for notifications for the node's whole life.
        var builder = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Pooling = false, KeepAlive = 30 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        connection.Notification += (_, e) =>
        {
            if (MentionNotifier.Parse(e.Payload) is { } arrived)
            {
                events.Publish(arrived);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {MentionNotifier.PostgresChannel}", connection))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }
        events.Listening();
        while (!ct.IsCancellationRequested)
        {
            await connection.WaitAsync(ct);
        }
    }
}
