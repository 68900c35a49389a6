using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Access;
using Tertulia.Insights.Metrics;
using Tertulia.Tests.Support;
using Xunit;

namespace Tertulia.Tests.Insights;

/// <summary>Every metric of docs/insights.md on the bakery's week, with the numbers worked out by hand.</summary>
public class MetricsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private async Task<PeriodInsights> GetAsync(int workspace, string query = "period=week&at=2026-11-04", HttpClient? client = null)
    {
        var response = await (client ?? App.Http).GetAsync($"/api/workspaces/{workspace}/insights?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PeriodInsights>(Json))!;
    }

    /// <summary>What Understanding made of the fixture: the hand-worked figures rest on these readings.</summary>
    private async Task AssertReadingsAsync(int workspace)
    {
        await using var db = App.Db();
        var read = await db.Mentions.Where(m => m.WorkspaceId == workspace)
            .ToDictionaryAsync(m => m.ExternalId, m => $"{m.Sentiment?.ToString().ToLowerInvariant()} {m.Intent?.ToString().ToLowerInvariant()}{(m.IsSpam ? " spam" : "")}");
        Assert.Equal("neutral question", read["q1@correo.test"]);
        Assert.Equal("positive praise", read["l2@correo.test"]);
        Assert.Equal("negative complaint", read["c1@correo.test"]);
        Assert.Equal("neutral question", read["q2@correo.test"]);
        Assert.Equal("positive praise", read["p1@correo.test"]);
        Assert.Equal("positive praise", read["j1@correo.test"]); // the learned intent model reads a glad reply as praise
        Assert.Equal("neutral question", read["q0@correo.test"]);
        Assert.EndsWith("spam", read["s1@spam.test"]);
    }

    [Fact]
    public async Task A_week_shows_volume_sentiment_intent_answers_dialogue_monologue_and_community_beside_the_week_before()
    {
        var week = await BakeryWeek.CreateAsync(App, "Semana");
        await AssertReadingsAsync(week.WorkspaceId);
        var insights = await GetAsync(week.WorkspaceId);

        // Madrid's week: Monday 2 November 00:00 CET is 1 November 23:00 UTC.
        Assert.Equal(new DateOnly(2026, 11, 2), insights.Period.From);
        Assert.Equal(new DateOnly(2026, 11, 8), insights.Period.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 23, 0, 0, TimeSpan.Zero), insights.Period.Start);
        Assert.Equal(new DateOnly(2026, 10, 26), insights.PreviousPeriod.From);

        var now = insights.Current;
        Assert.Equal((10, 6, 4), (now.Mentions, now.CustomerMentions, now.BrandMentions));
        Assert.Equal(new SentimentMix(3, 2, 1, 0), now.Sentiment);
        Assert.Equal(33.3, now.Sentiment.Net); // (3 − 1) / 6
        Assert.Equal(new IntentMix(1, 2, 0, 3, 0, 0), now.Intent);
        Assert.Equal((2, 3, 66.7), (now.Response.Part, now.Response.Whole, now.Response.Percent)); // q1, c1 of q1, c1, q2
        Assert.Equal(75.0, now.MedianResponseMinutes); // (30 + 120) / 2
        Assert.Equal(120.0, now.P90ResponseMinutes); // rank ⌈0.9 · 2⌉ = 2
        Assert.Equal((2, 4, 50.0), (now.Dialogue.Part, now.Dialogue.Whole, now.Dialogue.Percent)); // a1, a2 of n1, a1, a2, n2
        Assert.Equal((1, 4, 25.0), (now.Monologue.Part, now.Monologue.Whole, now.Monologue.Percent)); // n1: nobody answered it
        Assert.Equal((5, 1, 1), (now.ActiveCustomers, now.EngagedCommunity, now.ReturningCustomers)); // Lucía is engaged and returning
        Assert.Equal(new StrengthBands(4, 0, 1, 0, 0), now.Strength); // Lucía: 100 · (1 − e^(−0.959/3)) = 27.4

        var before = insights.Previous;
        Assert.Equal((2, 1, 1), (before.Mentions, before.CustomerMentions, before.BrandMentions));
        Assert.Equal((0, 1, 0.0), (before.Response.Part, before.Response.Whole, before.Response.Percent));
        Assert.Null(before.MedianResponseMinutes);
        Assert.Equal(100.0, before.Monologue.Percent);
        Assert.Equal(0.0, before.Dialogue.Percent);
        Assert.Equal((1, 0, 0), (before.ActiveCustomers, before.EngagedCommunity, before.ReturningCustomers));

        Assert.Equal(7, insights.Trend.Count);
        Assert.Equal(10, insights.Trend.Sum(d => d.Mentions));
        Assert.Equal(3, insights.Trend.Single(d => d.Day == new DateOnly(2026, 11, 3)).Mentions); // q1, a1, l2
        // "consulta" from the subjects "Re: consulta" (a1, l2, a2), "pan" from n1, q2, p1; ties in alphabetical order.
        Assert.Equal([new TermCount("consulta", 3), new TermCount("pan", 3)], insights.Terms.Take(2));
        Assert.Equal([new TermCount("#roscon", 1)], insights.Hashtags);
        Assert.Equal(10, Assert.Single(insights.Channels).Mentions);
    }

    [Fact]
    public async Task The_trend_counts_each_message_on_its_madrid_day_across_midnight_and_the_change_of_hour()
    {
        // Madrid is UTC+2 until 25 October 2026 at 01:00 UTC, then UTC+1: local midnight is 22:00 UTC, then 23:00 UTC.
        static DateTimeOffset Utc(int day, int hour, int minute) => new(2026, 10, day, hour, minute, 0, TimeSpan.Zero);
        var messages = new (string Id, DateTimeOffset At)[]
        {
            ("m1", Utc(23, 21, 30)), // 23:30 on Friday 23
            ("m2", Utc(23, 22, 30)), // 00:30 on Saturday 24
            ("m3", Utc(24, 21, 59)), // 23:59 on Saturday 24
            ("m4", Utc(24, 23, 30)), // 01:30 on Sunday 25 (still summer time)
            ("m5", Utc(25, 22, 30)), // 23:30 on Sunday 25 (winter time)
            ("m6", Utc(25, 23, 0)),  // 00:00 on Monday 26
            ("m7", Utc(26, 12, 0)),  // 13:00 on Monday 26
            ("m8", Utc(27, 22, 59)), // 23:59 on Tuesday 27, the period's last minute
            ("m9", Utc(27, 23, 0)),  // 00:00 on Wednesday 28: after the period
        };
        var week = await BakeryWeek.CreateAsync(App, "Cambio de hora", messages
            .Select(m => Tertulia.Tests.Contacts.ContactsWorld.Email("Lucía <lucia@correo.test>", "Pan", "Buenos días, ¿queda pan de centeno?", $"{m.Id}@correo.test", date: m.At))
            .ToList());
        var insights = await GetAsync(week.WorkspaceId, "period=range&from=2026-10-23&to=2026-10-27");

        Assert.Equal(
            [(new DateOnly(2026, 10, 23), 1), (new DateOnly(2026, 10, 24), 2), (new DateOnly(2026, 10, 25), 2), (new DateOnly(2026, 10, 26), 2), (new DateOnly(2026, 10, 27), 1)],
            insights.Trend.Select(d => (d.Day, d.Mentions)).ToList());
        Assert.Equal(8, insights.Current.Mentions);
    }

    [Fact]
    public async Task Share_of_voice_compares_the_brand_with_its_competitors_and_leaves_topics_out()
    {
        var week = await BakeryWeek.CreateAsync(App, "Voz");
        var brand = await QueryAsync(week.WorkspaceId, "Nuestro pan", "pan", "brand");
        var rival = await QueryAsync(week.WorkspaceId, "La competencia", "roscón OR empanada", "competitor");
        var topic = await QueryAsync(week.WorkspaceId, "Sin gluten", "gluten", "topic");
        await TestApp.Eventually(async () => (await GetAsync(week.WorkspaceId)).Queries.Sum(q => q.Mentions + q.PreviousMentions) == 7, "the three queries re-tagged");

        var insights = await GetAsync(week.WorkspaceId);
        Assert.Equal(2, insights.ShareOfVoice.Count);
        var ours = insights.ShareOfVoice.Single(v => v.QueryId == brand);
        var theirs = insights.ShareOfVoice.Single(v => v.QueryId == rival);
        Assert.Equal((3, 75.0, 1, 50.0), (ours.Mentions, ours.Share, ours.PreviousMentions, ours.PreviousShare)); // n1, q2, p1 | n0
        Assert.Equal((1, 25.0, 1, 50.0), (theirs.Mentions, theirs.Share, theirs.PreviousMentions, theirs.PreviousShare)); // n2 | q0
        Assert.Equal(1, insights.Queries.Single(q => q.QueryId == topic).Mentions);

        // One query's figures: what it tagged, and its sentiment.
        var breadOnly = await GetAsync(week.WorkspaceId, $"period=week&at=2026-11-04&query={brand}");
        Assert.Equal((3, 2, 1), (breadOnly.Current.Mentions, breadOnly.Current.CustomerMentions, breadOnly.Current.BrandMentions));
        Assert.Equal(new SentimentMix(1, 1, 0, 0), breadOnly.Current.Sentiment); // p1 positive, q2 neutral
    }

    [Fact]
    public async Task A_channel_s_figures_leave_the_other_channels_out()
    {
        var week = await BakeryWeek.CreateAsync(App, "Canales");
        var blog = await App.AddChannelAsync(week.WorkspaceId, "https://blog.example/otro/feed/");
        await App.IngestAsync(blog, Tertulia.Tests.Support.Pipeline.Item("b1", "Me encanta vuestro pan", published: new DateTimeOffset(2026, 11, 5, 9, 0, 0, TimeSpan.Zero)));

        var all = await GetAsync(week.WorkspaceId);
        Assert.Equal(11, all.Current.Mentions);
        Assert.Equal(2, all.Channels.Count);
        var mailbox = await GetAsync(week.WorkspaceId, $"period=week&at=2026-11-04&channel={week.MailboxId}");
        Assert.Equal(10, mailbox.Current.Mentions);
        var blogOnly = await GetAsync(week.WorkspaceId, $"period=week&at=2026-11-04&channel={blog}");
        Assert.Equal((1, 1, 0), (blogOnly.Current.Mentions, blogOnly.Current.CustomerMentions, blogOnly.Current.Dialogue.Whole));
    }

    [Fact]
    public async Task Scanning_the_mentions_gives_the_same_figures_as_the_rollups()
    {
        var week = await BakeryWeek.CreateAsync(App, "Escaneo");
        await QueryAsync(week.WorkspaceId, "Nuestro pan", "pan", "brand");
        await TestApp.Eventually(async () => (await GetAsync(week.WorkspaceId)).Queries.Sum(q => q.Mentions) == 3, "the query re-tagged");
        var read = App.Services.GetRequiredService<ReadInsights>();
        foreach (var request in new[] { new InsightsRequest("week", "2026-11-04"), new InsightsRequest("range", null, "2026-10-01", "2026-11-30"), new InsightsRequest("day", "2026-11-03") })
        {
            var stored = await read.ReadAsync(week.WorkspaceId, request, CancellationToken.None);
            var scanned = await read.ScanAsync(week.WorkspaceId, request, CancellationToken.None);
            Assert.Equal(JsonSerializer.Serialize(stored.Insights), JsonSerializer.Serialize(scanned.Insights));
        }
    }

    [Fact]
    public async Task Periods_are_checked_and_a_viewer_reads_while_a_stranger_gets_nothing()
    {
        var week = await BakeryWeek.CreateAsync(App, "Acceso");
        foreach (var bad in new[] { "period=year", "period=range&from=2026-11-10&to=2026-11-01", "period=range&from=ayer", "period=week&at=31-12-2026" })
        {
            var response = await App.Http.GetAsync($"/api/workspaces/{week.WorkspaceId}/insights?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await App.Http.GetAsync($"/api/workspaces/{week.WorkspaceId}/insights?channel=999999")).StatusCode);
        var viewer = await App.ClientForAsync(WorkspaceRole.Viewer, week.WorkspaceId);
        Assert.Equal(10, (await GetAsync(week.WorkspaceId, client: viewer)).Current.Mentions);
        var other = await App.CreateWorkspaceAsync("Otra");
        var stranger = await App.ClientForAsync(WorkspaceRole.Owner, other);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/workspaces/{week.WorkspaceId}/insights")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/workspaces/{week.WorkspaceId}/insights/csv")).StatusCode);
    }

    [Fact]
    public async Task The_csv_holds_every_metric_and_defuses_formulas_in_names()
    {
        var week = await BakeryWeek.CreateAsync(App, "CSV");
        await QueryAsync(week.WorkspaceId, "=HYPERLINK(\"http://evil.example\",\"pan\")", "pan", "brand");
        await TestApp.Eventually(async () => (await GetAsync(week.WorkspaceId)).Queries.Sum(q => q.Mentions) == 3, "the query re-tagged");
        var response = await App.Http.GetAsync($"/api/workspaces/{week.WorkspaceId}/insights/csv?period=week&at=2026-11-04");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"response_rate\",\"percent\",\"66.7\",\"0\"", csv);
        Assert.Contains("\"monologue_index\",\"percent\",\"25\",\"100\"", csv);
        Assert.Contains("\"first_response_minutes\",\"median\",\"75\",\"\"", csv);
        Assert.Contains("\"customers\",\"engaged_community\",\"1\",\"0\"", csv);
        Assert.Contains("\"query_mentions\",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"pan\"\")\",\"3\",\"1\"", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);
    }

    private async Task<int> QueryAsync(int workspace, string name, string expression, string role)
    {
        var response = await App.Http.PostAsJsonAsync($"/api/workspaces/{workspace}/queries", new { name, expression, role });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Tertulia.Listening.QueriesApi.QueryDto>())!.Id;
    }
}
