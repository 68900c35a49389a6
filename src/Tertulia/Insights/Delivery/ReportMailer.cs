using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Tertulia.Access;
using Tertulia.Insights.Metrics;
using Tertulia.Insights.Report;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Insights.Delivery;

/// <summary>
/// Sends the scheduled management reports: plans each due schedule's deliveries (one row per recipient and period,
/// unique, so several nodes plan it once), then claims pending ones with a lease and mails the PDF through the
/// installation's SMTP server (Tertulia:Smtp), retrying with back-off.
/// </summary>
public sealed class ReportMailer(
    IDbContextFactory<TertuliaDb> dbs,
    BuildReport build,
    ReportPdf pdf,
    ReadInsights read,
    AccessMail mail,
    IOptions<SmtpOptions> smtp,
    IOptions<InsightsOptions> options,
    IStringLocalizer<UiText> t,
    TimeProvider clock,
    ILogger<ReportMailer> log) : BackgroundService
{
    public const int MaxAttempts = 5;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Something is waiting to be sent now ("send now"): the next round starts at once.</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PlanAsync(stoppingToken);
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(ex, "Sending the scheduled reports failed; trying again later");
            }
            try
            {
                await _wake.WaitAsync(options.Value.ReportTick, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Writes the deliveries of every schedule whose time has come and moves it to its next time.</summary>
    public async Task PlanAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.Set<ReportSchedule>().AsNoTracking().Where(s => s.Enabled && s.NextRunAt <= now).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in due)
        {
            await PlanOneAsync(id, now, ct);
        }
    }

    private async Task PlanOneAsync(int scheduleId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var schedule = await db.Set<ReportSchedule>().SingleOrDefaultAsync(s => s.Id == scheduleId && s.Enabled && s.NextRunAt <= now, ct);
        if (schedule is null)
        {
            return; // another node planned it meanwhile
        }
        var period = ReportCalendar.LastWhole(schedule.Cadence, now, read.Zone);
        var known = await db.Set<ReportDelivery>()
            .Where(d => d.ScheduleId == schedule.Id && d.PeriodFrom == period.From && d.Trigger == "scheduled")
            .Select(d => d.Recipient).ToListAsync(ct);
        Add(db, schedule, period, "scheduled", ReportRecipients.Of(schedule).Except(known, StringComparer.OrdinalIgnoreCase), now);
        schedule.NextRunAt = ReportCalendar.NextRun(schedule.Cadence, now, read.Zone);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException) when (!ct.IsCancellationRequested)
        {
            // The unique delivery key: another node wrote these very deliveries first.
            log.LogDebug("Report schedule {Schedule} was planned by another node", scheduleId);
        }
    }

    /// <summary>The last whole period's report for every recipient, now, whatever the schedule's time.</summary>
    public async Task<List<ReportDelivery>> SendNowAsync(int workspaceId, int scheduleId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        var schedule = await db.Set<ReportSchedule>().AsNoTracking().SingleAsync(s => s.Id == scheduleId && s.WorkspaceId == workspaceId, ct);
        var period = ReportCalendar.LastWhole(schedule.Cadence, now, read.Zone);
        var added = Add(db, schedule, period, $"manual:{Guid.NewGuid():N}", ReportRecipients.Of(schedule), now);
        await db.SaveChangesAsync(ct);
        Wake();
        return added;
    }

    private static List<ReportDelivery> Add(TertuliaDb db, ReportSchedule schedule, InsightsPeriod period, string trigger, IEnumerable<string> recipients, DateTimeOffset now)
    {
        var added = recipients.Select(r => new ReportDelivery
        {
            WorkspaceId = schedule.WorkspaceId, ScheduleId = schedule.Id, PeriodFrom = period.From, PeriodTo = period.To,
            Trigger = trigger, Recipient = r, CreatedAt = now, NextAttemptAt = now,
        }).ToList();
        db.AddRange(added);
        return added;
    }

    /// <summary>Claims and sends every delivery whose time has come.</summary>
    public async Task SendDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<long> due;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            due = await db.Set<ReportDelivery>().AsNoTracking()
                .Where(d => d.State == ReportDeliveryState.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.Id).Select(d => d.Id).Take(20).ToListAsync(ct);
        }
        foreach (var id in due)
        {
            await SendOneAsync(id, ct);
        }
    }

    private async Task SendOneAsync(long deliveryId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbs.CreateDbContextAsync(ct);
        // The claim: one node, one attempt, until the lease ends.
        var claimed = await db.Set<ReportDelivery>()
            .Where(d => d.Id == deliveryId && d.State == ReportDeliveryState.Pending && d.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, now + Lease).SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
        if (claimed == 0)
        {
            return;
        }
        var delivery = await db.Set<ReportDelivery>().SingleAsync(d => d.Id == deliveryId, ct);
        var schedule = await db.Set<ReportSchedule>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == delivery.ScheduleId, ct);
        try
        {
            await BuildReport.InLanguageAsync(schedule?.Language ?? "es", async () =>
            {
                var request = new InsightsRequest(delivery.PeriodTo.DayNumber - delivery.PeriodFrom.DayNumber > 7 ? "month" : "week",
                    delivery.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                var outcome = await build.HandleAsync(delivery.WorkspaceId, request, ct);
                var report = outcome.Report ?? throw new InvalidOperationException(outcome.Error ?? "the workspace no longer exists");
                await mail.SendAsync(delivery.Recipient, Subject(report), Body(report, request),
                    new MailAttachment(ReportPdf.FileName(report), "application/pdf", pdf.Render(report)),
                    $"report-{delivery.Id}.{delivery.WorkspaceId}@tertulia", ct);
                return true;
            });
            delivery.State = ReportDeliveryState.Sent;
            delivery.SentAt = clock.GetUtcNow();
            delivery.Error = null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            delivery.Error = BoundedText.Clip(ex.Message, 1000);
            if (delivery.Attempts >= MaxAttempts)
            {
                delivery.State = ReportDeliveryState.Failed;
            }
            else
            {
                delivery.NextAttemptAt = clock.GetUtcNow() + TimeSpan.FromMinutes(Math.Pow(2, delivery.Attempts));
            }
            log.LogWarning("Report {Delivery} to {Recipient} not sent (attempt {Attempt}): {Error}", delivery.Id, delivery.Recipient, delivery.Attempts, ex.Message);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private string Subject(ManagementReport report) =>
        BoundedText.Clip($"{t["RepTitle"]} · {report.Insights.WorkspaceName} · {Day(report.Insights.Period.From)} – {Day(report.Insights.Period.To)}", 300);

    private string Body(ManagementReport report, InsightsRequest request)
    {
        var lines = new List<string>
        {
            $"{t["RepTitle"]} · {report.Insights.WorkspaceName}",
            t["RepPeriod", Day(report.Insights.Period.From), Day(report.Insights.Period.To), Day(report.Insights.PreviousPeriod.From), Day(report.Insights.PreviousPeriod.To)],
            "",
        };
        lines.AddRange(report.Headlines.Select(h => "• " + h));
        lines.Add("");
        lines.Add(t["RepMailAttached"]);
        if (smtp.Value.PublicUrl is { } url)
        {
            lines.Add($"{t["RepMailOnline"]}: {url.TrimEnd('/')}/w/{report.Insights.WorkspaceId}/insights/report?period={request.Period}&at={request.At}");
        }
        lines.Add("");
        lines.Add(t["RepMailWhy"]);
        return string.Join("\n", lines);
    }

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.CurrentCulture);
}
