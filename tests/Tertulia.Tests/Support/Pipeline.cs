using Microsoft.Extensions.DependencyInjection;
using Tertulia.Channels;
using Tertulia.Ingestion;

namespace Tertulia.Tests.Support;

/// <summary>Shortcuts for feeding items straight into the real pipeline of a running app.</summary>
public static class Pipeline
{
    public static async Task<int> AddChannelAsync(this TestApp app, int workspaceId, string source = "https://blog.example/feed/")
    {
        await using var db = app.Db();
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = ChannelKind.Feed,
            Name = "Test channel",
            Source = source,
            Enabled = false, // fed by hand: the poller leaves it alone
            NextPollAt = DateTimeOffset.MaxValue,
        };
        db.Channels.Add(channel);
        await db.SaveChangesAsync();
        return channel.Id;
    }

    public static Task<IngestResult> IngestAsync(this TestApp app, int channelId, params IncomingItem[] items) =>
        app.Services.GetRequiredService<IngestionPipeline>().IngestAsync(channelId, items, null, CancellationToken.None);

    public static IncomingItem Item(string id, string text, string? parent = null, DateTimeOffset? published = null) => new()
    {
        ExternalId = id,
        Url = $"https://blog.example/{id}/",
        Author = "Ana",
        Published = published ?? new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        Html = $"<p>{text}</p>",
        ParentExternalId = parent,
        IsComment = parent is not null,
        Title = parent is null ? $"Post {id}" : null,
    };
}
