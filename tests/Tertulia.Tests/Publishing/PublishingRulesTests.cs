using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Channels;
using Tertulia.Publishing;
using Tertulia.Storage;
using Tertulia.Tests.Support;

namespace Tertulia.Tests.Publishing;

/// <summary>
/// The caps and the mix, on exact fixtures in the real store: posts a local day per channel, one promotional post in
/// five over the seven days before it goes out (a warning for the last one allowed, a refusal with its reason beyond),
/// and the monologue warning. Times are Europe/Madrid, the default zone.
/// </summary>
public sealed class PublishingRulesTests : IAsyncLifetime
{
    // Monday 10 May 2027, CEST (UTC+2).
    private static readonly DateTimeOffset Now = new(2027, 5, 10, 8, 0, 0, TimeSpan.Zero);
    private TestApp _app = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync(settings: new Dictionary<string, string?> { ["Tertulia:Publishing:Enabled"] = "false" });
        _workspaceId = await _app.CreateWorkspaceAsync("Horno de prueba");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static PublishingRules Rules => new(new FixedClock(Now));

    private async Task<Channel> ChannelAsync(string name)
    {
        await using var db = _app.Db();
        var channel = new Channel { WorkspaceId = _workspaceId, Kind = ChannelKind.Mastodon, Name = name, Source = $"https://social.example/@{name}", CreatedAt = Now };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel;
    }

    private async Task PostAsync(Channel channel, DateTimeOffset at, bool promotional = false, PublicationState state = PublicationState.Scheduled,
        DeliveryState delivery = DeliveryState.Held)
    {
        await using var db = _app.Db();
        var publication = new Publication
        {
            WorkspaceId = _workspaceId, Text = promotional ? "¡20% de descuento en roscones esta semana! Reserva ya" : "¿Cómo guardáis el pan para que no se endurezca?",
            State = state, Promotional = promotional, CreatedAt = Now, UpdatedAt = Now,
            ScheduledFor = state == PublicationState.Scheduled ? at : null, PublishedAt = state == PublicationState.Published ? at : null,
        };
        db.Publications.Add(publication);
        await db.SaveChangesAsync();
        db.PublicationDeliveries.Add(new PublicationDelivery { PublicationId = publication.Id, WorkspaceId = _workspaceId, ChannelId = channel.Id, State = delivery });
        await db.SaveChangesAsync();
    }

    private async Task<PublishingRules.Verdict> CheckAsync(Channel channel, DateTimeOffset at, bool promotional)
    {
        await using var db = _app.Db();
        return await Rules.CheckAsync(db, new PublishingSettings { WorkspaceId = _workspaceId }, null, promotional, at, [channel], CancellationToken.None);
    }

    private static DateTimeOffset Madrid(int month, int day, int hour, int minute = 0) =>
        WorkspaceClock.ToInstant(new DateTime(2027, month, day, hour, minute, 0), WorkspaceClock.Zone("Europe/Madrid"));

    [Fact]
    public async Task The_third_post_of_a_local_day_is_the_last_one_warned_and_a_fourth_is_refused_with_the_reason()
    {
        var channel = await ChannelAsync("horno");
        var other = await ChannelAsync("otra");
        await PostAsync(channel, Madrid(5, 12, 9));
        await PostAsync(channel, Madrid(5, 12, 13));
        // Not that day: 23:30 the night before (21:30 UTC on the 11th) and 00:10 the day after in local time.
        await PostAsync(channel, Madrid(5, 11, 23, 30));
        await PostAsync(channel, Madrid(5, 13, 0, 10));
        // Not counted: another channel, a failed delivery.
        await PostAsync(other, Madrid(5, 12, 10));
        await PostAsync(channel, Madrid(5, 12, 11), delivery: DeliveryState.Failed);

        var third = await CheckAsync(channel, Madrid(5, 12, 18), promotional: false);
        Assert.Null(third.Refusal);
        var last = Assert.Single(third.Warnings, w => w.Key == "Publishing.Rule.LastOfDay");
        Assert.Equal(["2027-05-12", "horno", "3"], last.Args);

        await PostAsync(channel, Madrid(5, 12, 18));
        var fourth = await CheckAsync(channel, Madrid(5, 12, 20), promotional: false);
        Assert.NotNull(fourth.Refusal);
        Assert.Equal("Publishing.Rule.DailyCap", fourth.Refusal.Key);
        Assert.Equal(["horno", "3", "2027-05-12", "3"], fourth.Refusal.Args);

        // The same hour the next local day is free again.
        var nextDay = await CheckAsync(channel, Madrid(5, 13, 20), promotional: false);
        Assert.Null(nextDay.Refusal);
        Assert.DoesNotContain(nextDay.Warnings, w => w.Key == "Publishing.Rule.LastOfDay");
    }

    [Fact]
    public async Task One_promotional_post_in_five_over_seven_days_is_warned_as_the_last_and_a_second_is_refused_with_the_reason()
    {
        var channel = await ChannelAsync("horno");
        var at = Madrid(5, 14, 10);
        // Four useful posts in the seven days before; a promotional one eight days before does not count.
        foreach (var day in new[] { 8, 9, 11, 13 })
        {
            await PostAsync(channel, Madrid(5, day, 10), state: PublicationState.Published, delivery: DeliveryState.Published);
        }
        await PostAsync(channel, Madrid(5, 6, 10), promotional: true, state: PublicationState.Published, delivery: DeliveryState.Published);

        var first = await CheckAsync(channel, at, promotional: true);
        Assert.Null(first.Refusal);
        var warning = Assert.Single(first.Warnings, w => w.Key == "Publishing.Rule.LastPromo");
        Assert.Equal(["5"], warning.Args);

        // A useful post is never held back by the mix.
        Assert.Null((await CheckAsync(channel, at, promotional: false)).Refusal);

        await PostAsync(channel, Madrid(5, 13, 18), promotional: true);
        var second = await CheckAsync(channel, at, promotional: true);
        Assert.NotNull(second.Refusal);
        Assert.Equal("Publishing.Rule.PromoCap", second.Refusal.Key);
        Assert.Equal(["2", "6", "2027-05-14", "5"], second.Refusal.Args);
    }

    [Fact]
    public async Task Posting_more_than_answering_this_week_warns_of_a_monologue_with_both_counts()
    {
        var channel = await ChannelAsync("horno");
        await PostAsync(channel, Now - TimeSpan.FromDays(2), state: PublicationState.Published, delivery: DeliveryState.Published);
        await PostAsync(channel, Now - TimeSpan.FromDays(1), state: PublicationState.Published, delivery: DeliveryState.Published);
        // Published ten days ago: not this week.
        await PostAsync(channel, Now - TimeSpan.FromDays(10), state: PublicationState.Published, delivery: DeliveryState.Published);

        var verdict = await CheckAsync(channel, Now + TimeSpan.FromHours(3), promotional: false);
        var monologue = Assert.Single(verdict.Warnings, w => w.Key == "Publishing.Rule.Monologue");
        Assert.Equal(["2", "0"], monologue.Args);
        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public async Task The_calendar_in_Madrid_has_a_23_hour_day_in_March_and_a_25_hour_day_in_October_2027_with_posts_at_their_local_times()
    {
        var zone = WorkspaceClock.Zone("Europe/Madrid");
        // 02:30 does not exist on 28 March 2027: it moves forward by the gap to 03:30 CEST (01:30 UTC).
        var spring = WorkspaceClock.ToInstant(new DateTime(2027, 3, 28, 2, 30, 0), zone);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), spring);
        // 02:30 happens twice on 31 October 2027: typed, it is the first (CEST, 00:30 UTC); the second is 01:30 UTC.
        var autumnFirst = WorkspaceClock.ToInstant(new DateTime(2027, 10, 31, 2, 30, 0), zone);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), autumnFirst);
        var autumnSecond = autumnFirst + TimeSpan.FromHours(1);
        Assert.Equal(new DateTime(2027, 10, 31, 2, 30, 0), WorkspaceClock.ToLocal(autumnSecond, zone));
        // A weekly 09:00 post stays at 09:00 local on both sides of each change (07:00 UTC in summer, 08:00 in winter).
        Assert.Equal(new DateTimeOffset(2027, 3, 21, 8, 0, 0, TimeSpan.Zero), WorkspaceClock.ToInstant(new DateTime(2027, 3, 21, 9, 0, 0), zone));
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 7, 0, 0, TimeSpan.Zero), WorkspaceClock.ToInstant(new DateTime(2027, 3, 28, 9, 0, 0), zone));
        Assert.Equal(new DateTimeOffset(2027, 10, 24, 7, 0, 0, TimeSpan.Zero), WorkspaceClock.ToInstant(new DateTime(2027, 10, 24, 9, 0, 0), zone));
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 8, 0, 0, TimeSpan.Zero), WorkspaceClock.ToInstant(new DateTime(2027, 10, 31, 9, 0, 0), zone));

        var channel = await ChannelAsync("horno");
        await PostAsync(channel, spring);
        await PostAsync(channel, autumnFirst);
        await PostAsync(channel, autumnSecond);
        await PostAsync(channel, WorkspaceClock.ToInstant(new DateTime(2027, 10, 31, 23, 30, 0), zone));
        // 23:30 on Saturday 30 October is 21:30 UTC: that day, not Sunday's.
        await PostAsync(channel, WorkspaceClock.ToInstant(new DateTime(2027, 10, 30, 23, 30, 0), zone));

        var calendar = _app.Services.GetRequiredService<PublicationCalendar>();
        var march = (await calendar.ForAsync(_workspaceId, "week", new DateOnly(2027, 3, 25), CancellationToken.None))!;
        Assert.Equal("Europe/Madrid", march.Zone);
        Assert.Equal(new DateOnly(2027, 3, 22), march.From);
        Assert.Equal(new DateOnly(2027, 3, 28), march.To);
        var sunday = march.Days.Single(d => d.Date == new DateOnly(2027, 3, 28));
        Assert.Equal(23, sunday.Hours);
        Assert.Equal(["03:30"], sunday.Items.Select(i => i.LocalTime));
        Assert.All(march.Days.Where(d => d != sunday), d => Assert.Equal(24, d.Hours));

        var octoberWeek = (await calendar.ForAsync(_workspaceId, "week", new DateOnly(2027, 10, 31), CancellationToken.None))!;
        Assert.Equal(new DateOnly(2027, 10, 25), octoberWeek.From);
        var fallBack = octoberWeek.Days.Single(d => d.Date == new DateOnly(2027, 10, 31));
        Assert.Equal(25, fallBack.Hours);
        Assert.Equal(["02:30", "02:30", "23:30"], fallBack.Items.Select(i => i.LocalTime));
        Assert.Equal([autumnFirst, autumnSecond], fallBack.Items.Take(2).Select(i => i.At));
        Assert.Equal(["23:30"], octoberWeek.Days.Single(d => d.Date == new DateOnly(2027, 10, 30)).Items.Select(i => i.LocalTime));

        var october = (await calendar.ForAsync(_workspaceId, "month", new DateOnly(2027, 10, 17), CancellationToken.None))!;
        Assert.Equal("month", october.Kind);
        Assert.Equal(31, october.Days.Count);
        Assert.Equal(31 * 24 + 1, october.Days.Sum(d => d.Hours));
        Assert.Equal(4, october.Days.Sum(d => d.Items.Count));
        var marchMonth = (await calendar.ForAsync(_workspaceId, "month", new DateOnly(2027, 3, 1), CancellationToken.None))!;
        Assert.Equal(31 * 24 - 1, marchMonth.Days.Sum(d => d.Hours));
    }
}
