using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Tests.Support;
using Xunit;
using static Tertulia.Tests.Support.Pipeline;

namespace Tertulia.Tests.Mentions;

/// <summary>
/// A prefix ("panader*") finds every mention with a word it starts, newest first, whether SQLite searches it as the
/// words written out or, when it starts too many, as a prefix.
/// </summary>
public class PrefixSearchTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private TestApp App => fixture.App;

    [Theory]
    [InlineData("ribazo*")]       // four words: written out
    [InlineData("ribazo* seco")]
    [InlineData("zarzal*")]       // forty words: kept as a prefix
    [InlineData("zarzal* OR ribazo*")]
    public async Task A_prefix_finds_every_word_it_starts_newest_first(string q)
    {
        var workspace = await StoreAsync(App);

        var found = (await App.Http.GetFromJsonAsync<MentionsApi.MentionPageDto>(
            $"/api/workspaces/{workspace}/mentions?q={Uri.EscapeDataString(q)}&pageSize=100"))!;

        await using var db = App.Db();
        var all = await db.Mentions.AsNoTracking().Where(m => m.WorkspaceId == workspace)
            .Select(m => new { m.Id, m.Text, m.Published }).ToListAsync();
        Func<string, bool> meaning = q switch
        {
            "ribazo*" => t => t.Contains(" ribaz"),
            "ribazo* seco" => t => t.Contains(" ribaz") && t.Contains("seco"),
            "zarzal*" => t => t.Contains(" zarzal"),
            _ => t => t.Contains(" ribaz") || t.Contains(" zarzal"),
        };
        var expected = all.Where(m => meaning(m.Text)).OrderByDescending(m => m.Published).ThenByDescending(m => m.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Take(100).Select(m => m.Id), found.Items.Select(m => m.Id));
        Assert.Equal((expected.Count, MentionsApi.MentionPageDto.TotalIsExact), (found.Total, found.TotalRelation));
    }

    [Fact]
    public async Task SQLite_writes_a_prefix_out_as_the_indexed_words_it_starts_up_to_a_limit()
    {
        await using var app = await TestApp.StartAsync(store: StoreKind.Sqlite);
        await StoreAsync(app);
        await using var db = app.Db();

        // Accents are folded in the index: "ribazón" is indexed as "ribazon".
        Assert.Equal("{\"Title\" \"Text\"} : (\"ribazo\" OR \"ribazon\" OR \"ribazos\" OR \"ribazoso\") AND {\"Title\" \"Text\"} : \"seco\"",
            await Fts5Prefixes.ExpandAsync(db, "{\"Title\" \"Text\"} : \"ribazo\"* AND {\"Title\" \"Text\"} : \"seco\"", CancellationToken.None));
        Assert.True(40 > Fts5Prefixes.MaxWords);
        Assert.Equal("\"zarzal\"*", await Fts5Prefixes.ExpandAsync(db, "\"zarzal\"*", CancellationToken.None));
        Assert.Equal("\"nadaempiezaasi\"*", await Fts5Prefixes.ExpandAsync(db, "\"nadaempiezaasi\"*", CancellationToken.None));
    }

    /// <summary>
    /// 600 mentions: one in five with a word starting "ribazo" (four different words, one accented), one in seven with
    /// one of forty words starting "zarzal", one in three "seco"; dates out of arrival order, with ties.
    /// </summary>
    private static async Task<int> StoreAsync(TestApp app)
    {
        var workspace = await app.CreateWorkspaceAsync("Prefijos " + Guid.NewGuid().ToString("N")[..8]);
        var channel = await app.AddChannelAsync(workspace);
        string[] ribazo = ["ribazo", "ribazos", "ribazón", "ribazoso"];
        var start = new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero);
        var items = Enumerable.Range(0, 600).Select(i =>
        {
            var words = new List<string> { $"paseo {i}" };
            if (i % 5 == 0) words.Add($"junto al {ribazo[i / 5 % 4]}");
            if (i % 7 == 0) words.Add($"bajo el zarzal{(char)('a' + i / 7 % 20)}{(i / 7 % 40 < 20 ? "" : "x")}");
            if (i % 3 == 0) words.Add("camino seco");
            return Item($"r{i}", string.Join(", ", words), published: start.AddMinutes(i * 37 % 200));
        }).ToArray();
        await app.IngestAsync(channel, items);
        return workspace;
    }
}
