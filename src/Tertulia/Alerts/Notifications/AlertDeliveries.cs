using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Access;
using Tertulia.Channels.Webhooks;
using Tertulia.Storage;

namespace Tertulia.Alerts.Notifications;

/// <summary>
/// Sends the alert outbox: emails through the installation's SMTP server, webhook calls signed like Tertulia's own
/// incoming webhooks ("X-Tertulia-Signature: sha256=…" over the raw body) with the event id in "X-Tertulia-Event"
/// so a receiver drops repeats. A delivery is claimed by moving its next attempt past a lease; a failure waits the
/// next back-off step; after the last it is failed with the reason.
/// </summary>
public sealed class AlertDeliveries(
    IDbContextFactory<TertuliaDb> dbs,
    IHttpClientFactory http,
    AccessMail mail,
    WriteGate writeGate,
    IOptions<AlertsOptions> options,
    TimeProvider clock,
    ILogger<AlertDeliveries> log) : BackgroundService
{
    public const string HttpClientName = "alert-webhooks";
    public const string EventHeader = "X-Tertulia-Event";
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "The alert outbox failed a round; it tries again");
            }
            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var sent = 0;
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.AlertDeliveries.AsNoTracking()
            .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.Id).Select(d => d.Id).Take(20).ToListAsync(ct);
        foreach (var id in due)
        {
            int won;
            using (await writeGate.EnterAsync(ct))
            {
                won = await db.AlertDeliveries.Where(d => d.Id == id && d.State == DeliveryState.Pending && d.NextAttemptAt <= now)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.NextAttemptAt, now + Lease), ct);
            }
            if (won == 0)
            {
                continue; // another node took it
            }
            var delivery = await db.AlertDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, ct);
            string? error;
            try
            {
                error = await SendAsync(db, delivery, ct);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or MailKit.ServiceNotConnectedException
                or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or System.Net.Sockets.SocketException
                or InvalidOperationException)
            {
                if (ct.IsCancellationRequested)
                {
                    throw;
                }
                error = ex.Message;
            }
            await RecordAsync(db, delivery, error, ct);
            sent += error is null ? 1 : 0;
        }
        return sent;
    }

    /// <summary>Null when delivered, else why not.</summary>
    private async Task<string?> SendAsync(TertuliaDb db, AlertDelivery delivery, CancellationToken ct)
    {
        if (delivery.Kind == DeliveryKind.Email)
        {
            await mail.SendAsync(delivery.Target, delivery.Subject, delivery.Body, ct);
            return null;
        }
        var webhookId = int.Parse(delivery.Target);
        var webhook = await db.AlertWebhooks.AsNoTracking().SingleOrDefaultAsync(w => w.Id == webhookId, ct);
        if (webhook is null || !webhook.Enabled)
        {
            return "The webhook was removed or disabled.";
        }
        var body = Encoding.UTF8.GetBytes(delivery.Body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(webhook.Secret, body));
        request.Headers.Add(EventHeader, delivery.EventKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
        return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    private async Task RecordAsync(TertuliaDb db, AlertDelivery delivery, string? error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var backoff = options.Value.Backoff;
        using (await writeGate.EnterAsync(ct))
        {
            var row = await db.AlertDeliveries.SingleAsync(d => d.Id == delivery.Id, ct);
            if (error is null)
            {
                row.State = DeliveryState.Sent;
                row.SentAt = now;
                row.LastError = null;
            }
            else if (row.Attempts > backoff.Length)
            {
                row.State = DeliveryState.Failed;
                row.LastError = BoundedText.Clip(error, 500);
                log.LogWarning("Alert {Kind} to {Target} failed for good: {Error}", row.Kind, row.Target, error);
            }
            else
            {
                row.NextAttemptAt = now + backoff[row.Attempts - 1];
                row.LastError = BoundedText.Clip(error, 500);
            }
            await db.SaveChangesAsync(ct);
        }
    }
}
