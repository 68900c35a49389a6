using Microsoft.EntityFrameworkCore;
using Tertulia.Insights.Metrics;
using Tertulia.Storage;

namespace Tertulia.Insights.Delivery;

/// <summary>Creates, changes and deletes a workspace's report schedules; checks every recipient.</summary>
public sealed class SaveReportSchedule(IDbContextFactory<TertuliaDb> dbs, ReadInsights read, TimeProvider clock)
{
    public sealed record Request(List<string>? Recipients, string? Cadence, string? Language, bool? Enabled);

    public sealed record Outcome(ReportSchedule? Schedule, Dictionary<string, string[]>? Errors = null, bool NotFound = false);

    public async Task<Outcome> HandleAsync(int workspaceId, int? scheduleId, Request request, string? userId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, NotFound: true);
        }
        var schedule = scheduleId is { } id
            ? await db.Set<ReportSchedule>().SingleOrDefaultAsync(s => s.Id == id && s.WorkspaceId == workspaceId, ct)
            : null;
        if (scheduleId is not null && schedule is null)
        {
            return new Outcome(null, NotFound: true);
        }

        var errors = new Dictionary<string, string[]>();
        List<string>? recipients = null;
        if (request.Recipients is not null || schedule is null)
        {
            if (!ReportRecipients.TryParse(request.Recipients, out recipients, out var error))
            {
                errors["recipients"] = [error!];
            }
        }
        ReportCadence? cadence = request.Cadence?.Trim().ToLowerInvariant() switch
        {
            null => null,
            "weekly" or "semanal" => ReportCadence.Weekly,
            "monthly" or "mensual" => ReportCadence.Monthly,
            _ => (ReportCadence)(-1),
        };
        if (cadence == (ReportCadence)(-1))
        {
            errors["cadence"] = ["weekly or monthly"];
        }
        var language = request.Language?.Trim().ToLowerInvariant();
        if (language is not null && language is not ("es" or "en"))
        {
            errors["language"] = ["es or en"];
        }
        if (errors.Count > 0)
        {
            return new Outcome(null, errors);
        }

        var now = clock.GetUtcNow();
        if (schedule is null)
        {
            schedule = new ReportSchedule { WorkspaceId = workspaceId, Recipients = "", CreatedAt = now, CreatedBy = userId };
            db.Add(schedule);
        }
        if (recipients is not null)
        {
            schedule.Recipients = string.Join('\n', recipients);
        }
        if (language is not null)
        {
            schedule.Language = language;
        }
        if (request.Enabled is { } enabled)
        {
            schedule.Enabled = enabled;
        }
        if (cadence is { } c && (c != schedule.Cadence || schedule.NextRunAt == default))
        {
            schedule.Cadence = c;
            schedule.NextRunAt = ReportCalendar.NextRun(c, now, read.Zone);
        }
        else if (schedule.NextRunAt == default)
        {
            schedule.NextRunAt = ReportCalendar.NextRun(schedule.Cadence, now, read.Zone);
        }
        await db.SaveChangesAsync(ct);
        return new Outcome(schedule);
    }

    public async Task<bool> DeleteAsync(int workspaceId, int scheduleId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Set<ReportSchedule>().Where(s => s.Id == scheduleId && s.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct) > 0;
    }
}
