using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Tertulia.Insights.Rollups;
using Tertulia.Listening;
using Tertulia.Tests.Support;
using Tertulia.Understanding;
using Xunit;
using Tertulia.Tests.Contacts;

namespace Tertulia.Tests.Insights;

/// <summary>The hourly rollups are kept by the pipeline, by re-tagging and by re-reading, and equal a count from scratch.</summary>
public class RollupTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task The_pipeline_counts_each_mention_in_its_hour_with_its_side_of_the_conversation()
    {
        var week = await BakeryWeek.CreateAsync(App, "Rollups");
        await using var db = App.Db();
        var rows = await db.Set<HourlyRollup>().Where(r => r.WorkspaceId == week.WorkspaceId).ToListAsync();

        Assert.Equal(12, rows.Sum(r => r.Mentions)); // 13 messages, one spam
        Assert.Equal(5, rows.Where(r => r.FromBrand).Sum(r => r.Mentions));
        Assert.Equal(2, rows.Where(r => r.FromBrand && r.Answers).Sum(r => r.Mentions)); // a1, a2 answer; n0, n1, n2 do not
        Assert.Equal(2, rows.Where(r => r.FromBrand && !r.Answers && !r.Answered).Sum(r => r.Mentions)); // n0, n1: broadcasts
        Assert.Equal(4, rows.Where(r => r.NeedsAnswer).Sum(r => r.Mentions)); // q0, q1, c1, q2
        Assert.Equal(2, rows.Where(r => r.GotAnswer).Sum(r => r.Mentions)); // q1, c1
        var q1Hour = new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(1, rows.Single(r => r.Hour == q1Hour).Mentions);
        Assert.True(rows.Single(r => r.Hour == q1Hour) is { NeedsAnswer: true, GotAnswer: true, Intent: "question", FromBrand: false });

        var responses = await db.Set<ResponseRollup>().Where(r => r.WorkspaceId == week.WorkspaceId).OrderBy(r => r.Minutes).Select(r => r.Minutes).ToListAsync();
        Assert.Equal([30.0, 120.0], responses);

        var contacts = await db.Set<ContactHourlyRollup>().Where(r => r.WorkspaceId == week.WorkspaceId).ToListAsync();
        Assert.Equal(7, contacts.Sum(c => c.Messages)); // customers' messages: q0, q1, l2, c1, q2, p1, j1
        Assert.Equal(1, contacts.Sum(c => c.Exchanges)); // Lucía answered the bakery's answer

        var terms = await db.Set<TermHourlyRollup>().Where(r => r.WorkspaceId == week.WorkspaceId).ToListAsync();
        Assert.Equal(4, terms.Where(t => t.Term == "pan").Sum(t => t.Mentions)); // n0, n1, q2, p1
        Assert.Contains(terms, t => t.Term == "#roscon");
        Assert.DoesNotContain(terms, t => t.Term is "que" or "el" or "de");
    }

    [Fact]
    public async Task Rollups_kept_message_by_message_equal_a_backfill_from_scratch()
    {
        // One message at a time, not in date order (a newsletter of Monday after Friday's praise): every hour is
        // rebuilt as its replies arrive. (Answers stored before their questions stay apart: the inbox threads them so.)
        var workspace = await App.CreateWorkspaceAsync("Uno a uno");
        var mailbox = await ContactsWorld.AddChannelAsync(App, workspace, Tertulia.Channels.ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/UNO");
        foreach (var message in BakeryWeek.Messages)
        {
            await App.IngestAsync(mailbox, message);
        }
        var kept = await SnapshotAsync(workspace);

        await using (var db = App.Db())
        {
            await db.Set<HourlyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Set<ResponseRollup>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Set<ContactHourlyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Set<TermHourlyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Set<DailyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Set<TermDailyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Set<RollupBackfillState>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
        }
        Assert.Empty((await SnapshotAsync(workspace)).Hourly);
        Assert.NotEmpty(kept.Daily);
        var counted = await App.Services.GetRequiredService<RollupBackfill>().RunAsync(CancellationToken.None);
        Assert.True(counted >= 13);

        var rebuilt = await SnapshotAsync(workspace);
        Assert.Equal(kept.Hourly, rebuilt.Hourly);
        Assert.Equal(kept.Responses, rebuilt.Responses);
        Assert.Equal(kept.Contacts, rebuilt.Contacts);
        Assert.Equal(kept.Terms, rebuilt.Terms);
        Assert.Equal(kept.Daily, rebuilt.Daily);

        // A store from before the daily rollups: its hourly rows are there, its days are added up at the next start.
        await using (var db = App.Db())
        {
            await db.Set<DailyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Set<TermDailyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteDeleteAsync();
            await db.Set<RollupBackfillState>().Where(r => r.WorkspaceId == workspace).ExecuteUpdateAsync(u => u.SetProperty(r => r.DailyFinishedAt, (DateTimeOffset?)null));
        }
        Assert.Empty((await SnapshotAsync(workspace)).Daily);
        Assert.Equal(0, await App.Services.GetRequiredService<RollupBackfill>().RunAsync(CancellationToken.None));
        Assert.Equal(kept.Daily, (await SnapshotAsync(workspace)).Daily);
        // A store from before contact hours were linked: they are linked at the next start.
        Assert.Contains(kept.Contacts, c => c.Contains(" p2026")); // someone wrote in more than one hour
        Assert.Contains(kept.Contacts, c => c.Contains(" 1 1 ")); // and an hour with an exchange
        await using (var db = App.Db())
        {
            await db.Set<ContactHourlyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteUpdateAsync(u => u
                .SetProperty(r => r.ExchangeGrowth, 0.0).SetProperty(r => r.GrowthToDate, 0.0).SetProperty(r => r.PreviousHour, (DateTimeOffset?)null)
                .SetProperty(r => r.NextHour, (DateTimeOffset?)null).SetProperty(r => r.PreviousExchangeHour, (DateTimeOffset?)null));
            await db.Set<RollupBackfillState>().Where(r => r.WorkspaceId == workspace).ExecuteUpdateAsync(u => u.SetProperty(r => r.ChainsFinishedAt, (DateTimeOffset?)null));
        }
        Assert.NotEqual(kept.Contacts, (await SnapshotAsync(workspace)).Contacts);
        Assert.Equal(0, await App.Services.GetRequiredService<RollupBackfill>().RunAsync(CancellationToken.None));
        Assert.Equal(kept.Contacts, (await SnapshotAsync(workspace)).Contacts);
        // And both equal the week stored in one batch.
        var batch = await BakeryWeek.CreateAsync(App, "De golpe");
        Assert.Equal(kept.Hourly, (await SnapshotAsync(batch.WorkspaceId)).Hourly);
    }

    [Fact]
    public async Task A_regular_customers_hours_kept_as_each_message_arrives_equal_her_whole_history_counted_and_linked_from_scratch()
    {
        // Lucía writes to the bakery two months long, the bakery answers, she answers back: the mailbox gives the
        // messages in an order of its own (a few older ones late, some after the answers to them), and each new hour
        // relinks only her hours from it on.
        var workspace = await App.CreateWorkspaceAsync("Clienta de siempre");
        var mailbox = await ContactsWorld.AddChannelAsync(App, workspace, Tertulia.Channels.ChannelKind.Email, "imap://hola@candeal.test@127.0.0.1:143/HABITUAL");
        var start = new DateTimeOffset(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
        var messages = new List<Tertulia.Ingestion.IncomingItem>();
        for (var i = 0; i < 30; i++)
        {
            var asked = start.AddHours(i * 47);
            messages.Add(ContactsWorld.Email("Lucía <lucia@correo.test>", $"Pedido {i}", "¿Me guardáis una barra de centeno para mañana?", $"q{i}@correo.test", date: asked));
            if (i % 3 == 0)
            {
                messages.Add(ContactsWorld.Email("Horno El Candeal <hola@candeal.test>", "Re: pedido", "Claro, te la guardamos", $"a{i}@candeal.test", inReplyTo: $"q{i}@correo.test", date: asked.AddHours(2)) with { FromBrand = true });
                messages.Add(ContactsWorld.Email("Lucía <lucia@correo.test>", "Re: pedido", "¡Gracias!", $"t{i}@correo.test", inReplyTo: $"a{i}@candeal.test", date: asked.AddHours(3)));
            }
        }
        // Mostly in date order, as a mailbox delivers, with every seventh message held back and delivered at the end.
        var late = messages.Where((_, i) => i % 7 == 3).ToList();
        foreach (var message in messages.Except(late).Concat(late))
        {
            await App.IngestAsync(mailbox, message);
        }
        var kept = await SnapshotAsync(workspace);
        Assert.True(kept.Contacts.Count >= 30);
        Assert.Contains(kept.Contacts, c => c.Contains(" 1 1 ")); // hours with an exchange

        await UnlinkChainsAsync(workspace);
        Assert.NotEqual(kept.Contacts, (await SnapshotAsync(workspace)).Contacts);
        // The backfill counts and links her whole history from scratch: the same hours, exchanges and chains.
        Assert.True(await App.Services.GetRequiredService<RollupBackfill>().RunAsync(CancellationToken.None) >= messages.Count);
        var scratch = await SnapshotAsync(workspace);
        Assert.Equal(kept.Contacts, scratch.Contacts);
        Assert.Equal(kept.Hourly, scratch.Hourly);

        // A chain that was never linked (a store from before the chains) is relinked whole by the next new hour.
        await UnlinkChainsAsync(workspace);
        var last = ContactsWorld.Email("Lucía <lucia@correo.test>", "Pedido", "¿Y mañana?", "q-last@correo.test", date: start.AddDays(70));
        await App.IngestAsync(mailbox, last);
        var relinked = await SnapshotAsync(workspace);
        Assert.Equal(kept.Contacts.Count + 1, relinked.Contacts.Count);
        var changed = kept.Contacts.Except(relinked.Contacts).ToList();
        Assert.Single(changed); // her latest hour before, which now points to the new one
        Assert.Contains(" n x", changed[0]);
    }

    [Fact]
    public async Task A_listening_query_counts_its_mentions_once_re_tagged_and_none_once_deactivated()
    {
        var week = await BakeryWeek.CreateAsync(App, "Por consulta");
        var created = await App.Http.PostAsJsonAsync($"/api/workspaces/{week.WorkspaceId}/queries",
            new { name = "Pan", expression = "pan", role = "brand" });
        created.EnsureSuccessStatusCode();
        var query = (await created.Content.ReadFromJsonAsync<QueriesApi.QueryDto>())!;
        Assert.Equal("brand", query.Role);
        await TestApp.Eventually(async () => await QueryCountAsync(query.Id) == 4, "the query's rollups count its 4 mentions");

        var off = await App.Http.PutAsJsonAsync($"/api/workspaces/{week.WorkspaceId}/queries/{query.Id}",
            new { name = "Pan", expression = "pan", active = false });
        off.EnsureSuccessStatusCode();
        await TestApp.Eventually(async () => await QueryCountAsync(query.Id) == 0, "a deactivated query counts nothing");

        var bad = await App.Http.PostAsJsonAsync($"/api/workspaces/{week.WorkspaceId}/queries", new { name = "X", expression = "x", role = "enemy" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("brand, competitor, topic", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Mentions_read_again_by_new_models_are_counted_with_their_new_reading()
    {
        var week = await BakeryWeek.CreateAsync(App, "Relectura");
        // As if an older model had read Rosa's praise as a negative complaint.
        await using (var db = App.Db())
        {
            await db.Mentions.Where(m => m.WorkspaceId == week.WorkspaceId && m.ExternalId == "p1@correo.test")
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Sentiment, Sentiment.Negative).SetProperty(m => m.Intent, Intent.Complaint).SetProperty(m => m.UnderstoodWith, "old"));
            var mention = await db.Mentions.SingleAsync(m => m.WorkspaceId == week.WorkspaceId && m.ExternalId == "p1@correo.test");
            await using var tx = await db.Database.BeginTransactionAsync();
            await App.Services.GetRequiredService<RollupsOnStore>().OnChangedAsync(db, week.WorkspaceId, [mention.Published], CancellationToken.None);
            await tx.CommitAsync();
        }
        Assert.Equal(2, await CountAsync(week.WorkspaceId, "negative"));

        var backfill = ActivatorUtilities.CreateInstance<UnderstandingBackfill>(App.Services);
        await backfill.RunAsync(CancellationToken.None);
        Assert.Equal(1, await CountAsync(week.WorkspaceId, "negative"));
        Assert.Equal(3, await CountAsync(week.WorkspaceId, "positive", customersOnly: true)); // l2, p1, j1
    }

    private async Task<int> CountAsync(int workspace, string sentiment, bool customersOnly = false)
    {
        await using var db = App.Db();
        return await db.Set<HourlyRollup>().Where(r => r.WorkspaceId == workspace && r.Sentiment == sentiment && (!customersOnly || !r.FromBrand)).SumAsync(r => r.Mentions);
    }

    private async Task<int> QueryCountAsync(int queryId)
    {
        await using var db = App.Db();
        return await db.Set<QueryHourlyRollup>().Where(r => r.QueryId == queryId).SumAsync(r => r.Mentions);
    }

    /// <summary>The contact hours as a store from before the chains had them: counted, never linked.</summary>
    private async Task UnlinkChainsAsync(int workspace)
    {
        await using var db = App.Db();
        await db.Set<ContactHourlyRollup>().Where(r => r.WorkspaceId == workspace).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.GrowthToDate, 0.0).SetProperty(r => r.PreviousHour, (DateTimeOffset?)null)
            .SetProperty(r => r.NextHour, (DateTimeOffset?)null).SetProperty(r => r.PreviousExchangeHour, (DateTimeOffset?)null));
    }

    private sealed record Snapshot(List<string> Hourly, List<string> Responses, List<string> Contacts, List<string> Terms, List<string> Daily);

    /// <summary>The rollups without ids of channel or contact, so two workspaces with the same messages compare equal.</summary>
    private async Task<Snapshot> SnapshotAsync(int workspace)
    {
        await using var db = App.Db();
        var hourly = (await db.Set<HourlyRollup>().Where(r => r.WorkspaceId == workspace).ToListAsync())
            .Select(r => $"{r.Hour:O} {r.Sentiment} {r.Intent} b{r.FromBrand} a{r.Answers} d{r.Answered} n{r.NeedsAnswer} g{r.GotAnswer} = {r.Mentions}").Order().ToList();
        var responses = (await db.Set<ResponseRollup>().Where(r => r.WorkspaceId == workspace).ToListAsync())
            .Select(r => $"{r.Hour:O} {r.Minutes}").Order().ToList();
        var contacts = (await db.Set<ContactHourlyRollup>().Where(r => r.WorkspaceId == workspace).ToListAsync())
            .Select(r => $"{r.Hour:O} {r.Messages} {r.Exchanges} {r.ExchangeGrowth:R} p{r.PreviousHour:O} n{r.NextHour:O} x{r.PreviousExchangeHour:O} {r.GrowthToDate:R}").Order().ToList();
        var terms = (await db.Set<TermHourlyRollup>().Where(r => r.WorkspaceId == workspace).ToListAsync())
            .Select(r => $"{r.Hour:O} {r.Term} {r.Mentions}").Order().ToList();
        var daily = (await db.Set<DailyRollup>().Where(r => r.WorkspaceId == workspace).ToListAsync())
            .Select(r => $"{r.Day:O} {r.Sentiment} {r.Intent} b{r.FromBrand} a{r.Answers} d{r.Answered} n{r.NeedsAnswer} g{r.GotAnswer} = {r.Mentions}")
            .Concat((await db.Set<TermDailyRollup>().Where(r => r.WorkspaceId == workspace).ToListAsync()).Select(r => $"{r.Day:O} {r.Term} {r.Mentions}"))
            .Order().ToList();
        return new Snapshot(hourly, responses, contacts, terms, daily);
    }
}
