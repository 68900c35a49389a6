using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels.Imports;
using Tertulia.Mentions;

namespace Tertulia.Tests.Channels;

/// <summary>Exports from closed networks, read from testdata/imports (shaped like the real exports).</summary>
public sealed class ImportTests : IAsyncLifetime
{
    private ChannelTestApp _app = null!;
    private int _workspaceId;

    public async Task InitializeAsync()
    {
        _app = await ChannelTestApp.StartAsync();
        _workspaceId = (await _app.CreateWorkspaceAsync()).Id;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string, string?, int, int[]> Exports => new()
    {
        // format, file, --map, mentions it holds, lines of its malformed records
        { "twitter", "tweets.js", null, 4, [87, 130] },
        { "facebook", "facebook-comments.json", null, 3, [40] },
        { "facebook", "instagram-post_comments_1.json", null, 2, [20] },
        { "google-maps", "google-business-reviews.json", null, 4, [38] },
        { "google-maps", "google-maps-reviews.json", null, 2, [25] },
        { "csv", "opiniones.csv", "Cliente=author,Comentario=text", 3, [5, 6, 7] },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task An_export_is_imported_with_its_bad_rows_reported_by_line_and_importing_it_again_adds_nothing(
        string format, string file, string? map, int mentions, int[] badLines)
    {
        var first = await ImportAsync(format, file, map);
        var again = await ImportAsync(format, file, map);

        Assert.Equal(mentions, first.Added);
        Assert.Equal(badLines.Select(l => $"line {l}"), first.Skipped.Select(s => s.Where));
        Assert.All(first.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        Assert.Equal((0, mentions), (again.Added, again.Duplicates));
        await using var db = await _app.DbAsync();
        Assert.Equal(mentions, await db.Mentions.CountAsync(m => m.ChannelId == first.ChannelId));
    }

    [Fact]
    public async Task Tweets_keep_their_replies_threaded_and_their_text_decoded()
    {
        var report = await ImportAsync("twitter", "tweets.js", null, author: "@laespiga");

        var tweets = await MentionsAsync(report.ChannelId);
        var post = tweets["1631234567890123456"];
        var reply = tweets["1631234567890123457"];
        Assert.Equal(post.Id, reply.ParentId);
        Assert.Equal("@laespiga", reply.Author);
        Assert.Equal("https://x.com/i/web/status/1631234567890123457", reply.Url);
        Assert.Contains("nata & trufa", reply.Text);
        Assert.Equal(new DateTimeOffset(2023, 3, 2, 9, 12, 45, TimeSpan.Zero), reply.Published);
        Assert.Equal("en", tweets["1631234567890123461"].Language);
    }

    [Fact]
    public async Task Facebook_text_mangled_by_the_export_is_read_as_written()
    {
        var report = await ImportAsync("facebook", "facebook-comments.json", null);

        var comments = (await MentionsAsync(report.ChannelId)).Values.ToList();
        var marta = Assert.Single(comments, c => c.Author == "Marta Gil Muñoz");
        Assert.Equal("¡Qué pinta tiene ese roscón! ¿Lo hacéis sin gluten?", marta.Text);
        Assert.Contains(comments, c => c.Text.Contains("estaba fría 😕") && c.Url == "https://www.facebook.com/panaderialaespiga/posts/pfbid02abc");
    }

    [Fact]
    public async Task Google_reviews_keep_the_owners_answer_under_the_review_and_the_original_text()
    {
        var report = await ImportAsync("google-maps", "google-business-reviews.json", null);

        var reviews = await MentionsAsync(report.ChannelId);
        var carlos = reviews.Values.Single(r => r.Author == "Carlos Méndez");
        var answer = reviews[carlos.ExternalId + "/reply"];
        Assert.Equal(carlos.Id, answer.ParentId);
        Assert.Equal(MentionKind.Comment, answer.Kind);
        Assert.Equal("★★★★★", carlos.Title);
        Assert.Equal("The croissants were stale and the queue was long.", reviews.Values.Single(r => r.Author == "Emma Johnson").Text);
        Assert.Equal("★★★★☆", reviews.Values.Single(r => r.Author == "Un usuario de Google").Text);
    }

    [Fact]
    public async Task A_spanish_csv_reads_day_first_dates_and_comments_over_several_lines()
    {
        var report = await ImportAsync("csv", "opiniones.csv", "Cliente=author,Comentario=text");

        var rows = (await MentionsAsync(report.ChannelId)).Values.ToList();
        var pedro = Assert.Single(rows, r => r.Author == "Pedro S.");
        Assert.Equal("Me cobraron dos veces el café. Lo hablé con la dependienta y ni caso.", pedro.Text);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 5, 0, TimeSpan.Zero), pedro.Published);
        Assert.Equal("https://encuestas.example/r/2", pedro.Url);
    }

    [Fact]
    public async Task A_csv_without_a_text_column_is_refused_with_its_columns_listed()
    {
        var error = await Assert.ThrowsAsync<ImportException>(() => ImportAsync("csv", "opiniones.csv", "Cliente=author,Comentario=title"));

        Assert.Contains("--map Column=text", error.Message);
        Assert.Contains("Valoración", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_the_export_says_so()
    {
        var error = await Assert.ThrowsAsync<ImportException>(() => ImportAsync("twitter", "google-maps-reviews.json", null));

        Assert.Contains("tweets.js", error.Message);
    }

    [Fact]
    public async Task The_import_verb_imports_a_file_from_the_command_line()
    {
        var database = _app.Database.ConnectionString;
        var (exit, output) = await RunCliAsync("import", "--database", database, "--workspace", _workspaceId.ToString(),
            "--format", "csv", "--map", "Cliente=author,Comentario=text", Testdata("opiniones.csv"));
        var (exitAgain, outputAgain) = await RunCliAsync("import", "--database", database, "--workspace", _workspaceId.ToString(),
            "--format", "csv", "--map", "Cliente=author,Comentario=text", Testdata("opiniones.csv"));
        var (badExit, badOutput) = await RunCliAsync("import", "--database", database, "--workspace", _workspaceId.ToString(),
            "--format", "twitter", Testdata("opiniones.csv"));

        Assert.True(exit == 0, output);
        Assert.Contains("3 nuevas", output);
        Assert.Contains("line 5", output);
        Assert.Equal(0, exitAgain);
        Assert.Contains("0 nuevas", outputAgain);
        Assert.Equal(1, badExit);
        Assert.Contains("tweets.js", badOutput);
        await using var db = await _app.DbAsync();
        Assert.Equal(3, await db.Mentions.CountAsync(m => m.WorkspaceId == _workspaceId));
    }

    private async Task<ImportFile.Report> ImportAsync(string format, string file, string? map, string? author = null)
    {
        Assert.True(ImportFormats.TryParse(format, out var parsed));
        await using var stream = File.OpenRead(Testdata(file));
        return await _app.Scoped<ImportFile>().HandleAsync(
            new ImportFile.Request(_workspaceId, parsed, CsvMentions.ParseMap(map), author), stream, null, CancellationToken.None);
    }

    private async Task<Dictionary<string, Mention>> MentionsAsync(int channelId)
    {
        await using var db = await _app.DbAsync();
        return await db.Mentions.AsNoTracking().Where(m => m.ChannelId == channelId).ToDictionaryAsync(m => m.ExternalId);
    }

    private static string Testdata(string file) => Path.Combine(AppContext.BaseDirectory, "testdata", "imports", file);

    /// <summary>Runs the real executable, as a person at a terminal would.</summary>
    private static async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Tertulia.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["COLUMNS"] = "200";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await error);
    }
}
