using Tertulia.Understanding;

namespace Tertulia.Mentions;

/// <summary>Full-text search over a workspace's mentions, newest first. Each store brings its own engine.</summary>
public interface IMentionSearch
{
    Task<MentionPage> SearchAsync(MentionFilter filter, CancellationToken ct);
}

/// <summary>Which mentions to list: <see cref="Query"/> is a listening query (plain words work too), null for all.</summary>
public sealed record MentionFilter(int WorkspaceId, Tertulia.Listening.QueryNode? Query, int Page = 1, int PageSize = 20)
{
    public int? ChannelId { get; init; }
    /// <summary>Only posts and top-level items (no comments), e.g. for a blog view.</summary>
    public bool TopLevelOnly { get; init; }
    public int? QueryId { get; init; }
    public Sentiment? Sentiment { get; init; }
    public Intent? Intent { get; init; }
    /// <summary>ISO 639-1 code, e.g. "es".</summary>
    public string? Language { get; init; }
    /// <summary>true: only spam; false: no spam; null: both.</summary>
    public bool? Spam { get; init; }

    public int Skip => (Math.Max(Page, 1) - 1) * PageSize;
}

/// <summary>A page of results; <see cref="Estimated"/> when the total was extrapolated from the newest candidates.</summary>
public sealed record MentionPage(IReadOnlyList<Mention> Items, int Total, bool Estimated = false);
