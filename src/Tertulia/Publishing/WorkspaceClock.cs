using Microsoft.EntityFrameworkCore;
using NodaTime;
using Tertulia.Storage;

namespace Tertulia.Publishing;

/// <summary>
/// The workspace's wall clock: local date-times people type and read, turned into instants and back with the IANA
/// rules (NodaTime), so a post at 09:00 stays at 09:00 across the daylight-saving changes. A local time that does not
/// exist (02:30 on the spring-forward night) moves forward by the gap; one that happens twice (02:30 on the
/// fall-back night) is the first of the two.
/// </summary>
public sealed class WorkspaceClock(IDbContextFactory<TertuliaDb> dbs)
{
    public async Task<PublishingSettings> SettingsAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.PublishingSettings.AsNoTracking().SingleOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct)
            ?? new PublishingSettings { WorkspaceId = workspaceId };
    }

    public static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? DateTimeZoneProviders.Tzdb[PublishingSettings.DefaultTimeZone];

    public static bool IsZone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null;

    public static DateTimeOffset ToInstant(DateTime local, DateTimeZone zone) =>
        LocalDateTime.FromDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)).InZoneLeniently(zone).ToDateTimeOffset().ToUniversalTime();

    public static DateTime ToLocal(DateTimeOffset instant, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime.ToDateTimeUnspecified();

    /// <summary>The instants a local day starts and ends (a 23- or 25-hour day on the nights the clocks change).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) Day(DateOnly date, DateTimeZone zone)
    {
        var local = new LocalDate(date.Year, date.Month, date.Day);
        return (zone.AtStartOfDay(local).ToDateTimeOffset().ToUniversalTime(), zone.AtStartOfDay(local.PlusDays(1)).ToDateTimeOffset().ToUniversalTime());
    }

    public static DateOnly DateOf(DateTimeOffset instant, DateTimeZone zone) => DateOnly.FromDateTime(ToLocal(instant, zone));
}
