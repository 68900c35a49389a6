namespace Tertulia.Channels;

/// <summary>A configured source of mentions (a blog feed, later a Mastodon account, a mailbox...) and its polling state.</summary>
public sealed class Channel
{
    public int Id { get; set; }
    public int WorkspaceId { get; set; }
    public ChannelKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Where the adapter reads from: the feed URL for feeds, imap://user@host:port/folder for a mailbox.</summary>
    public required string Source { get; set; }
    public bool Enabled { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How often the channel is polled when it is healthy.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>The database is the schedule: a channel is due when this moment has passed.</summary>
    public DateTimeOffset NextPollAt { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    /// <summary>Consecutive failed polls; drives the back-off.</summary>
    public int ErrorCount { get; set; }
    /// <summary>Items the last poll had to skip (malformed), with the reason in <see cref="LastError"/>.</summary>
    public int LastSkippedCount { get; set; }

    /// <summary>Conditional GET validators of the main source.</summary>
    public string? ETag { get; set; }
    public string? LastModified { get; set; }
    /// <summary>Adapter-specific position (JSON), persisted only after the items it covers are stored.</summary>
    public string? Cursor { get; set; }

    /// <summary>
    /// Passwords, tokens and signing secrets, as JSON encrypted with ASP.NET Core Data Protection
    /// (<see cref="ChannelSecrets"/>): a copied database file does not give the accounts away.
    /// </summary>
    public string? Credentials { get; set; }

    public long MentionCount { get; set; }
    /// <summary>Of <see cref="MentionCount"/>, the comments: kept by the pipeline, so the workspace page never counts rows.</summary>
    public long CommentCount { get; set; }

    /// <summary>The node polling this channel now, when several nodes share PostgreSQL (<see cref="ChannelLeases"/>).</summary>
    public string? LeasedBy { get; set; }
    /// <summary>When that lease lapses unless its node renews it: a dead node's channels pass to others then.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }
}

public enum ChannelKind
{
    Feed = 1,
    Email = 2,
    /// <summary>Other tools push mentions in through a signed HTTP endpoint.</summary>
    Webhook = 3,
    /// <summary>Files exported from closed networks (X/Twitter, Facebook, Google Maps, CSV).</summary>
    Import = 4,
    Mastodon = 5,
    /// <summary>AT Protocol: the firehose (subscribeRepos) in, createRecord out.</summary>
    Bluesky = 6,
    /// <summary>The public ideas page's form (Ideas/PublicBoard): customers suggest without an account.</summary>
    IdeasForm = 7,
}
