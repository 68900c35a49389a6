using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Mentions;

/// <summary>
/// Search newest first finds a page in one of three ways, by how many mentions the words match (SQLite's plans;
/// PostgreSQL's planner chooses its own); whichever it takes, the page and the order are the same, and a total
/// past the count limit is said as "at least".
/// </summary>
public class SearchPlanTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public void The_plan_follows_how_common_the_words_are()
    {
        Assert.Equal(SqliteSearchPlan.Strategy.FromMatches, SqliteSearchPlan.Cheapest(matches: 5, stored: 3_000, wanted: 20));
        Assert.Equal(SqliteSearchPlan.Strategy.WalkNewest, SqliteSearchPlan.Cheapest(matches: 300, stored: 3_000, wanted: 20));
        Assert.Equal(SqliteSearchPlan.Strategy.ProbeNewest, SqliteSearchPlan.Cheapest(matches: 2_000, stored: 3_000, wanted: 20));
        // A prefix is expanded at every probe: it walks instead.
        Assert.Equal(SqliteSearchPlan.Strategy.WalkNewest, SqliteSearchPlan.Cheapest(matches: 2_000, stored: 3_000, wanted: 20, probeable: false));
        // At a million mentions a word in one mention of ten is probed, one in a thousand is sorted.
        Assert.Equal(SqliteSearchPlan.Strategy.ProbeNewest, SqliteSearchPlan.Cheapest(matches: 100_000, stored: 1_000_000, wanted: 50));
        Assert.Equal(SqliteSearchPlan.Strategy.FromMatches, SqliteSearchPlan.Cheapest(matches: 1_000, stored: 1_000_000, wanted: 50));
    }

    [Theory]
    [InlineData("pan", 1)]        // 2,000 of 3,000: probed on SQLite
    [InlineData("pan", 7)]
    [InlineData("tarta", 1)]      // 300: walked
    [InlineData("tarta", 14)]
    [InlineData("flan", 1)]       // 6: sorted
    [InlineData("pan tarta", 2)]
    [InlineData("pan -tarta", 3)]
    [InlineData("pan*", 2)]       // a prefix: never probed
    [InlineData("site:blog.example AND tarta", 2)] // re-checked
    public async Task Every_plan_gives_the_newest_page_with_ties_broken_by_the_latest_id(string q, int page)
    {
        var workspace = await StoreAsync();
        const int pageSize = 20;

        var found = (await App.Http.GetFromJsonAsync<MentionsApi.MentionPageDto>(
            $"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(q)}&page={page}&pageSize={pageSize}"))!;

        await using var db = App.Db();
        var all = await db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == workspace)
            .Select(m => new { m.Id, m.Text, m.Published }).ToListAsync();
        var words = Meaning(q);
        var expected = all.Where(m => words(m.Text)).OrderByDescending(m => m.Published).ThenByDescending(m => m.Id).ToList();
        Assert.Equal(expected.Skip((page - 1) * pageSize).Take(pageSize).Select(m => m.Id), found.Items.Select(m => m.Id));
        if (found.TotalRelation == MentionsApi.MentionPageDto.TotalIsExact)
        {
            Assert.Equal(expected.Count, found.Total);
        }
        else
        {
            Assert.Equal(MentionsApi.MentionPageDto.TotalIsAtLeast, found.TotalRelation);
            Assert.True(found.Total <= expected.Count, $"at least {found.Total}, and there are {expected.Count}");
            Assert.True(found.Total >= page * pageSize, $"at least {found.Total}, on page {page}");
        }
    }

    [Fact]
    public async Task Totals_are_exact_up_to_a_thousand_and_at_least_a_thousand_beyond()
    {
        var workspace = await StoreAsync();

        var common = await SearchAsync(workspace, "pan");
        var rare = await SearchAsync(workspace, "tarta");
        var everything = (await App.Http.GetFromJsonAsync<MentionsApi.MentionPageDto>($"/api/workspaces/{workspace}/mentions"))!;

        Assert.Equal((1_000, "gte"), (common.Total, common.TotalRelation));
        Assert.Equal((300, "eq"), (rare.Total, rare.TotalRelation));
        Assert.Equal((1_000, "gte"), (everything.Total, everything.TotalRelation));
        // Deep pages count at least to the end of the page, so the pager always knows there is a next one.
        var deep = await SearchAsync(workspace, "pan", page: 60);
        Assert.Equal((1_200, "gte"), (deep.Total, deep.TotalRelation));
        Assert.Equal(20, deep.Items.Count);
    }

    [Fact]
    public async Task A_re_checked_query_stops_reading_once_its_page_and_a_next_one_are_found()
    {
        var workspace = await StoreAsync();

        // 300 mentions hold "tarta", all from blog.example: site: is re-checked one candidate at a time.
        var first = await SearchAsync(workspace, "site:blog.example AND tarta");
        var deep = await SearchAsync(workspace, "site:blog.example AND tarta", page: 8);

        Assert.Equal((MentionSearchResults.RecheckBudget, "gte"), (first.Total, first.TotalRelation));
        Assert.Equal((8 * 20 + 1, "gte"), (deep.Total, deep.TotalRelation));
        Assert.Equal(20, deep.Items.Count);
    }

    [Fact]
    public async Task The_page_says_at_least_when_it_did_not_count_to_the_end()
    {
        var workspace = await StoreAsync();

        var html = System.Net.WebUtility.HtmlDecode(await App.Http.GetStringAsync($"/w/{workspace}?q=pan"));

        Assert.Contains("Al menos 1.000 resultados para «pan»", html);
    }

    private async Task<MentionsApi.MentionPageDto> SearchAsync(int workspace, string q, int page = 1) =>
        (await App.Http.GetFromJsonAsync<MentionsApi.MentionPageDto>($"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(q)}&page={page}&pageSize=20"))!;

    /// <summary>
    /// 3,000 mentions, one workspace per test: "pan" in two of three, "tarta" in one of ten, "flan" in six; the dates
    /// repeat (several mentions in the same minute) and do not follow the order they arrive in.
    /// </summary>
    private async Task<int> StoreAsync()
    {
        var workspace = await App.CreateWorkspaceAsync("Plan " + Guid.NewGuid().ToString("N")[..8]);
        var channel = await App.AddChannelAsync(workspace);
        var start = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(0, 3_000).Select(i =>
        {
            var words = new List<string> { $"mensaje {i}" };
            if (i % 3 != 0) words.Add("pan de pueblo");
            if (i % 10 == 0) words.Add("tarta de queso");
            if (i % 500 == 7) words.Add("flan casero");
            return Item($"p{i}", string.Join(", ", words), published: start.AddMinutes(i * 7919 % 1_000));
        }).ToArray();
        await App.IngestAsync(channel, items);
        return workspace;
    }

    /// <summary>What each query of the theory means, written out plainly.</summary>
    private static Func<string, bool> Meaning(string q) => q switch
    {
        "pan" => t => t.Contains("pan de"),
        "tarta" => t => t.Contains("tarta"),
        "flan" => t => t.Contains("flan"),
        "pan tarta" => t => t.Contains("pan de") && t.Contains("tarta"),
        "pan -tarta" => t => t.Contains("pan de") && !t.Contains("tarta"),
        "pan*" => t => t.Contains("pan de"),
        "site:blog.example AND tarta" => t => t.Contains("tarta"),
        _ => throw new ArgumentException(q),
    };
}
