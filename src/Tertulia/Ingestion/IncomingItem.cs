namespace Tertulia.Ingestion;

/// <summary>
/// What every channel adapter yields: one item as the source gave it, not yet trusted.
/// Only the ingestion pipeline turns these into mentions.
/// </summary>
public sealed record IncomingItem
{
    /// <summary>The source's own id (RSS guid, Atom id, ...). Required: it is the dedupe key.</summary>
    public required string ExternalId { get; init; }
    public string? Url { get; init; }
    public string? Author { get; init; }
    public string? AuthorUrl { get; init; }
    public DateTimeOffset? Published { get; init; }
    /// <summary>The source gives no date it can be read by: the mention is dated when it is first seen, and says so.</summary>
    public bool Undated { get; init; }
    public string? Title { get; init; }
    /// <summary>Body as HTML from the source (unsanitized), if the source has HTML.</summary>
    public string? Html { get; init; }
    /// <summary>Body as plain text, if the source has no HTML.</summary>
    public string? Text { get; init; }
    public string? Language { get; init; }
    /// <summary>External id of the item this one answers (a comment's post), within the same channel.</summary>
    public string? ParentExternalId { get; init; }
    /// <summary>URL of the item this one answers, used when the parent came through another channel.</summary>
    public string? ParentUrl { get; init; }
    public bool IsComment { get; init; }
    /// <summary>The brand's own message (an answer sent through the channel's reply operation), not a customer's.</summary>
    public bool FromBrand { get; init; }
}

/// <summary>An item the adapter could not read, reported instead of ingested.</summary>
public sealed record SkippedItem(string Where, string Reason)
{
    public override string ToString() => $"{Where}: {Reason}";
}
