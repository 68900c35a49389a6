using Tertulia.Understanding;

namespace Tertulia.Mentions;

/// <summary>One thing somebody said that a channel brought in: a blog post, a comment, a toot, an email...</summary>
public sealed class Mention
{
    public long Id { get; set; }
    public int WorkspaceId { get; set; }
    public int ChannelId { get; set; }
    /// <summary>The source's own identifier (guid, Atom id, status id...): unique per channel.</summary>
    public required string ExternalId { get; set; }
    public string? Url { get; set; }
    public string? Author { get; set; }
    public string? AuthorUrl { get; set; }
    public DateTimeOffset Published { get; set; }
    /// <summary>The source gave no date (or none that could be read): <see cref="Published"/> is when Tertulia first saw it.</summary>
    public bool PublishedIsFirstSeen { get; set; }
    public DateTimeOffset IngestedAt { get; set; }
    public string? Language { get; set; }
    public string? Title { get; set; }
    /// <summary>Plain text, used for search, matching and understanding.</summary>
    public required string Text { get; set; }
    /// <summary>HTML that went through the sanitizer; safe to render.</summary>
    public string? Html { get; set; }
    /// <summary>The post a comment answers, or the message a reply answers.</summary>
    public long? ParentId { get; set; }
    public Mention? Parent { get; set; }
    /// <summary>The parent's external id as the source gave it, so a comment that arrives first is linked later.</summary>
    public string? ParentExternalId { get; set; }
    public MentionKind Kind { get; set; }
    /// <summary>The person (or the brand) who said it, across channels: set by the pipeline, null when anonymous.</summary>
    public int? ContactId { get; set; }

    /// <summary>How it feels (null until understood); stored as its name.</summary>
    public Sentiment? Sentiment { get; set; }
    /// <summary>From -1 (surely negative) to +1 (surely positive).</summary>
    public double? SentimentScore { get; set; }
    /// <summary>What the person wants: complaint, question, suggestion, praise or other; stored as its name.</summary>
    public Intent? Intent { get; set; }
    public bool IsSpam { get; set; }
    /// <summary>Which models understood it (<see cref="Understanding.Understander.Version"/>): another one re-reads it.</summary>
    public string? UnderstoodWith { get; set; }

    /// <summary>The parent's URL as the source gave it; used while ingesting, not stored.</summary>
    public string? ParentUrlHint { get; set; }
    /// <summary>The brand's own answer (the channel's reply operation sent it); used while ingesting, not stored.</summary>
    public bool FromBrandHint { get; set; }
}

public enum MentionKind
{
    Post = 1,
    Comment = 2,
}
