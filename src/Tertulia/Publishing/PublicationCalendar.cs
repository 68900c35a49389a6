using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// The publishing calendar: a week (Monday first) or a month of the workspace's local days, each with its length in
/// hours (23 or 25 on the nights the clocks change) and the publications of that day at their local time.
/// </summary>
public sealed class PublicationCalendar(IDbContextFactory<TertuliaDb> dbs, WorkspaceClock clock)
{
    public sealed record Item(long Id, string LocalTime, DateTimeOffset At, PublicationState State, string Text, int Score, bool Promotional,
        IReadOnlyList<ChannelState> Channels, string? FailureReason);

    public sealed record ChannelState(int ChannelId, string Name, DeliveryState State, string? Url, string? LastError);

    public sealed record Day(DateOnly Date, int Hours, IReadOnlyList<Item> Items);

    public sealed record View(string Zone, string Kind, DateOnly From, DateOnly To, IReadOnlyList<Day> Days, IReadOnlyList<Item> Unscheduled);

    public async Task<View?> ForAsync(int workspaceId, string kind, DateOnly date, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return null;
        }
        var settings = await clock.SettingsAsync(workspaceId, ct);
        var zone = WorkspaceClock.Zone(settings.TimeZone);
        var month = kind == "month";
        var from = month ? new DateOnly(date.Year, date.Month, 1) : date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
        var to = month ? from.AddMonths(1).AddDays(-1) : from.AddDays(6);
        var (start, _) = WorkspaceClock.Day(from, zone);
        var (_, end) = WorkspaceClock.Day(to, zone);

        var publications = await db.Publications.AsNoTracking()
            .Where(p => p.WorkspaceId == workspaceId && p.State != PublicationState.Cancelled
                && ((p.PublishedAt ?? p.ScheduledFor) >= start && (p.PublishedAt ?? p.ScheduledFor) < end || p.ScheduledFor == null && p.PublishedAt == null))
            .OrderBy(p => p.ScheduledFor).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.State, p.Text, p.Score, p.Promotional, p.ScheduledFor, p.PublishedAt, p.FailureReason })
            .ToListAsync(ct);
        var ids = publications.Select(p => p.Id).ToList();
        var channels = (await db.PublicationDeliveries.AsNoTracking().Where(d => ids.Contains(d.PublicationId))
                .Join(db.Channels, d => d.ChannelId, c => c.Id, (d, c) => new { d.PublicationId, d.ChannelId, c.Name, d.State, d.Url, d.LastError })
                .ToListAsync(ct))
            .ToLookup(d => d.PublicationId, d => new ChannelState(d.ChannelId, d.Name, d.State, d.Url, d.LastError));

        var dated = publications.Where(p => (p.PublishedAt ?? p.ScheduledFor) is not null)
            .Select(p => (At: (p.PublishedAt ?? p.ScheduledFor)!.Value, P: p)).ToList();
        var days = new List<Day>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            var (dayStart, dayEnd) = WorkspaceClock.Day(d, zone);
            var items = dated.Where(x => x.At >= dayStart && x.At < dayEnd).OrderBy(x => x.At)
                .Select(x => new Item(x.P.Id, WorkspaceClock.ToLocal(x.At, zone).ToString("HH:mm"), x.At, x.P.State, BoundedText.Snippet(x.P.Text, 140),
                    x.P.Score, x.P.Promotional, channels[x.P.Id].ToList(), x.P.FailureReason))
                .ToList();
            days.Add(new Day(d, (int)Math.Round((dayEnd - dayStart).TotalHours), items));
        }
        var unscheduled = publications.Where(p => p.ScheduledFor is null && p.PublishedAt is null)
            .Select(p => new Item(p.Id, "", default, p.State, BoundedText.Snippet(p.Text, 140), p.Score, p.Promotional, channels[p.Id].ToList(), p.FailureReason))
            .ToList();
        return new View(zone.Id, month ? "month" : "week", from, to, days, unscheduled);
    }
}
