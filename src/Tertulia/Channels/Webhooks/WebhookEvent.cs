using System.Text.Json.Serialization;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Webhooks;

/// <summary>
/// What other tools POST to a webhook channel (snake_case JSON):
/// <code>{ "id": "evt_1", "mentions": [ { "id": "c-9", "text": "...", "author": "...", "url": "...", "published": "2026-11-25T08:00:00Z", "parent_id": "c-1" } ] }</code>
/// or with a single <c>"mention": { ... }</c>. The event id makes a delivery idempotent: a mention without its own
/// id takes the event's, so a retried delivery adds nothing.
/// </summary>
public sealed record WebhookEvent
{
    public string? Id { get; init; }
    public WebhookMention? Mention { get; init; }
    public List<WebhookMention>? Mentions { get; init; }

    public const int MaxMentions = 500;

    /// <summary>The items to ingest, or what is wrong with the event.</summary>
    public (List<IncomingItem> Items, List<string> Problems) ToItems()
    {
        var problems = new List<string>();
        var items = new List<IncomingItem>();
        if (string.IsNullOrWhiteSpace(Id) || Id.Length > 200)
        {
            problems.Add("\"id\" (the event id, at most 200 characters) is required.");
        }
        var mentions = Mentions ?? (Mention is null ? [] : [Mention]);
        if (mentions.Count == 0)
        {
            problems.Add("The event has no \"mention\" nor \"mentions\".");
        }
        if (mentions.Count > MaxMentions)
        {
            problems.Add($"An event carries at most {MaxMentions} mentions.");
        }
        if (problems.Count > 0)
        {
            return (items, problems);
        }
        for (var i = 0; i < mentions.Count; i++)
        {
            var m = mentions[i];
            var where = mentions.Count == 1 ? "mention" : $"mentions[{i}]";
            if (m is null || (string.IsNullOrWhiteSpace(m.Text) && string.IsNullOrWhiteSpace(m.Html)))
            {
                problems.Add($"{where}: \"text\" or \"html\" is required.");
                continue;
            }
            items.Add(new IncomingItem
            {
                ExternalId = !string.IsNullOrWhiteSpace(m.Id) ? m.Id : mentions.Count == 1 ? Id! : $"{Id}#{i}",
                Text = m.Text,
                Html = m.Html,
                Title = m.Title,
                Author = m.Author,
                AuthorUrl = m.AuthorUrl,
                Url = m.Url,
                Published = m.Published,
                Language = m.Language,
                ParentExternalId = m.ParentId,
                ParentUrl = m.ParentUrl,
                IsComment = m.ParentId is not null || m.ParentUrl is not null,
            });
        }
        return (items, problems);
    }
}

public sealed record WebhookMention
{
    public string? Id { get; init; }
    public string? Text { get; init; }
    public string? Html { get; init; }
    public string? Title { get; init; }
    public string? Author { get; init; }
    [JsonPropertyName("author_url")]
    public string? AuthorUrl { get; init; }
    public string? Url { get; init; }
    public DateTimeOffset? Published { get; init; }
    public string? Language { get; init; }
    [JsonPropertyName("parent_id")]
    public string? ParentId { get; init; }
    [JsonPropertyName("parent_url")]
    public string? ParentUrl { get; init; }
}
