using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Listening;

/// <summary>How a query would do on the workspace's latest mentions: how many it matches, and a few of them marked.</summary>
public sealed class PreviewListeningQuery(IDbContextFactory<TertuliaDb> dbs)
{
    public const int Sample = 1000;
    public const int ExampleCount = 5;

    public sealed record Example(long Id, string? Author, string? Title, DateTimeOffset Published, string SnippetHtml);

    public sealed record Preview(int Matched, int Sampled, IReadOnlyList<Example> Examples);

    public async Task<Preview?> HandleAsync(int workspaceId, QueryNode query, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return null;
        }
        var channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == workspaceId)
            .ToDictionaryAsync(c => c.Id, MentionDocument.ChannelLabel, ct);
        var latest = await db.Mentions.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId)
            .OrderByDescending(m => m.Published).ThenByDescending(m => m.Id)
            .Take(Sample)
            .AsDocuments()
            .ToListAsync(ct);
        var set = QuerySet.Compile(query);
        var scan = set.NewScan();
        var highlights = new QueryHighlights(query);
        var matched = 0;
        var examples = new List<Example>();
        foreach (var m in latest)
        {
            scan.Load(m.InChannel(channels));
            if (!set.Matches(0, scan))
            {
                continue;
            }
            matched++;
            if (examples.Count < ExampleCount)
            {
                examples.Add(new Example(m.Id, m.Document.Author, m.Document.Title, m.Published, MentionSnippet.Html(m.Document.Text, highlights, 200)));
            }
        }
        return new Preview(matched, latest.Count, examples);
    }
}
