using System.Text.Json;
using System.Text.Json.Serialization;
using Tertulia.Ingestion;

namespace Tertulia.Channels.Mastodon;

/// <summary>What a Mastodon channel keeps encrypted: the instance, the account's token and what it listens to.</summary>
public sealed record MastodonAccount
{
    public required string Instance { get; init; }
    public required string AccessToken { get; init; }
    public string? AccountId { get; init; }
    public List<string> Hashtags { get; init; } = [];
}

/// <summary>The parts of the Mastodon client API's JSON that become mentions.</summary>
public sealed record MastodonStatus
{
    public required string Id { get; init; }
    public string? Uri { get; init; }
    public string? Url { get; init; }
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; init; }
    public string? Content { get; init; }
    [JsonPropertyName("spoiler_text")]
    public string? SpoilerText { get; init; }
    [JsonPropertyName("in_reply_to_id")]
    public string? InReplyToId { get; init; }
    public string? Language { get; init; }
    public string? Visibility { get; init; }
    public MastodonAccountInfo? Account { get; init; }
    public MastodonStatus? Reblog { get; init; }
    [JsonPropertyName("media_attachments")]
    public List<MastodonMedia> MediaAttachments { get; init; } = [];

    public IncomingItem ToItem() => new()
    {
        ExternalId = Id,
        Url = Url ?? Uri,
        Author = Account is null ? null
            : string.IsNullOrWhiteSpace(Account.DisplayName) || Account.DisplayName == Account.Username ? "@" + Account.Acct
            : $"{Account.DisplayName} (@{Account.Acct})",
        AuthorUrl = Account?.Url,
        Published = CreatedAt,
        // A content warning is part of what was said: kept as the title.
        Title = string.IsNullOrWhiteSpace(SpoilerText) ? null : SpoilerText,
        Html = Content,
        Language = Language,
        ParentExternalId = InReplyToId,
        IsComment = InReplyToId is not null,
    };
}

public sealed record MastodonAccountInfo
{
    public required string Id { get; init; }
    public string Username { get; init; } = "";
    public string Acct { get; init; } = "";
    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }
    public string? Url { get; init; }
}

/// <summary>An uploaded image (POST /api/v2/media) or one attached to a status.</summary>
public sealed record MastodonMedia
{
    public required string Id { get; init; }
    public string? Url { get; init; }
    public string? Description { get; init; }
}

public sealed record MastodonContext
{
    public List<MastodonStatus> Descendants { get; init; } = [];
}

public sealed record MastodonNotification
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public MastodonStatus? Status { get; init; }
}

/// <summary>Tertulia as an OAuth application registered with one instance.</summary>
public sealed record MastodonApp
{
    [JsonPropertyName("client_id")]
    public required string ClientId { get; init; }
    [JsonPropertyName("client_secret")]
    public required string ClientSecret { get; init; }
}

public sealed record MastodonToken
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }
}

/// <summary>/api/v2/search's answer; only its statuses are read.</summary>
public sealed record MastodonSearchResults
{
    public List<MastodonStatus> Statuses { get; init; } = [];
}

internal static class MastodonJson
{
    public static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };
}
