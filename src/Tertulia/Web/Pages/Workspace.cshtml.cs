using Microsoft.AspNetCore.Mvc;
using Tertulia.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Channels;
using Tertulia.Channels.Email;
using Tertulia.Channels.Imports;
using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Mastodon;
using Tertulia.Channels.Webhooks;
using Tertulia.Insights.Metrics;
using Tertulia.Listening;
using Tertulia.Mentions;
using Tertulia.Storage;
using Tertulia.Understanding;

namespace Tertulia.Web.Pages;

// Exports (an X archive's tweets.js...) are larger than a form's usual limits.
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Admin)]
[RequestSizeLimit(ImportFile.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportFile.MaxFileBytes)]
public sealed class WorkspaceModel(
    IDbContextFactory<TertuliaDb> dbs,
    IMentionSearch search,
    AddFeedChannel addFeed,
    PollChannelNow pollNow,
    ImportFile import,
    AddEmailChannel addEmail,
    AddWebhookChannel addWebhook,
    AddMastodonChannel addMastodon,
    AddBlueskyChannel addBluesky,
    ReadInsights insights,
    TimeProvider clock,
    IStringLocalizer<UiText> text) : PageModel
{
    public const int PageSize = 20;

    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public List<Channel> Channels { get; private set; } = [];
    public List<ListeningQuery> Queries { get; private set; } = [];
    public MentionPage Results { get; private set; } = new([], 0);
    public QueryHighlights Highlights { get; private set; } = new(null);
    public QueryError? QueryError { get; private set; }
    public string? Q { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount => Math.Max(1, (Results.Total + PageSize - 1) / PageSize);
    public long TotalMentions { get; private set; }
    public long TotalComments { get; private set; }
    public int Recent { get; private set; }
    public string? AddFeedError { get; private set; }
    public UnderstandingFilter Filter { get; private set; } = new(null, null, null);
    /// <summary>The languages the workspace's mentions are in, most frequent first, for the language chips.</summary>
    public List<string> Languages { get; private set; } = [];
    public ImportFile.Report? ImportReport { get; private set; }
    public string? ImportError { get; private set; }
    public string? AddEmailError { get; private set; }
    public string? AddMastodonError { get; private set; }
    public string? AddBlueskyError { get; private set; }
    /// <summary>The webhook just created, with its secret: shown this once.</summary>
    public (Channel Channel, string Endpoint, string Secret)? NewWebhook { get; private set; }
    private Dictionary<int, int> _queryCounts = [];

    /// <summary>How many of the newest mentions the language chips are taken from.</summary>
    public const int LanguageWindow = 5000;

    /// <summary>Only the mentions tagged with this listening query.</summary>
    public int? QueryId { get; private set; }

    /// <summary>true: only mentions flagged as spam; false: none of them; null: all.</summary>
    public bool? Spam { get; private set; }

    /// <summary>Newest first, or the best matches of the search first (offered once something is searched).</summary>
    public MentionOrder Order { get; private set; }

    /// <summary>
    /// Only the mentions of these days of the business (<c>from</c>/<c>to</c>, as the dashboard's periods), of one
    /// channel, of the customers or of the brand: what a dashboard figure links to, so it lists the mentions it counted.
    /// </summary>
    public InsightsPeriod? Period { get; private set; }
    public int? ChannelId { get; private set; }
    public MentionSide? Side { get; private set; }

    public async Task<IActionResult> OnGetAsync(
        int workspaceId, string? q, int? p, int? queryId, string? sentiment, string? intent, string? lang, string? spam, string? sort,
        string? from, string? to, int? channel, string? who, CancellationToken ct)
    {
        QueryId = queryId;
        ChannelId = channel;
        Side = who?.Trim().ToLowerInvariant() switch { "customers" => MentionSide.Customers, "brand" => MentionSide.Brand, _ => null };
        // A half or broken range (an old link, a typo) lists every day rather than an error page.
        Period = from is not null && to is not null
            && InsightsPeriod.TryParse("range", null, from, to, insights.Zone, clock.GetUtcNow(), out var period, out _) ? period : null;
        Order = MentionOrders.TryParse(sort, out var order) ? order : MentionOrder.Newest;
        Spam = bool.TryParse(spam, out var onlySpam) ? onlySpam : null;
        Q = q is null ? null : BoundedText.Clip(q, 500);
        // An unknown filter value (an old link, a typo) shows everything rather than an error page.
        Filter = UnderstandingFilter.TryParse(sentiment, intent, lang, out var filter, out _) ? filter : Filter;
        PageNumber = Math.Max(1, p ?? 1);
        return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddFeedAsync(int workspaceId, string url, CancellationToken ct)
    {
        var outcome = await addFeed.HandleAsync(workspaceId, new AddFeedChannel.Request(url), ct);
        if (outcome.WorkspaceMissing)
        {
            return NotFound();
        }
        if (outcome.Error is not null)
        {
            AddFeedError = outcome.Error;
            return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
        }
        return Redirect($"/w/{workspaceId}#channels");
    }

    public async Task<IActionResult> OnPostAddEmailAsync(
        int workspaceId, string address, string password, string imapHost, int imapPort, MailSecurity imapSecurity,
        string smtpHost, int smtpPort, MailSecurity smtpSecurity, string? folder, string? userName, CancellationToken ct)
    {
        var outcome = await addEmail.HandleAsync(workspaceId, new AddEmailChannel.Request(
            address, password, imapHost, smtpHost, userName, imapPort, imapSecurity, smtpPort, smtpSecurity, folder ?? "INBOX"), ct);
        if (outcome.WorkspaceMissing)
        {
            return NotFound();
        }
        if (outcome.Channel is null)
        {
            AddEmailError = outcome.Error;
            return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
        }
        return Redirect($"/w/{workspaceId}/c/{outcome.Channel.Id}");
    }

    public async Task<IActionResult> OnPostAddMastodonAsync(int workspaceId, string instance, string accessToken, string? hashtags, CancellationToken ct)
    {
        var tags = (hashtags ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var outcome = await addMastodon.HandleAsync(workspaceId, new AddMastodonChannel.Request(instance, accessToken, tags), ct);
        if (outcome.WorkspaceMissing)
        {
            return NotFound();
        }
        if (outcome.Channel is null)
        {
            AddMastodonError = outcome.Error;
            return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
        }
        return Redirect($"/w/{workspaceId}/c/{outcome.Channel.Id}");
    }

    public async Task<IActionResult> OnPostAddBlueskyAsync(int workspaceId, string handle, string appPassword, string? service, CancellationToken ct)
    {
        var outcome = await addBluesky.HandleAsync(workspaceId, new AddBlueskyChannel.Request(handle, appPassword, string.IsNullOrWhiteSpace(service) ? null : service), ct);
        if (outcome.WorkspaceMissing)
        {
            return NotFound();
        }
        if (outcome.Channel is null)
        {
            AddBlueskyError = outcome.Error;
            return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
        }
        return Redirect($"/w/{workspaceId}/c/{outcome.Channel.Id}");
    }

    /// <summary>The OAuth way: off to the instance to log in and approve; it sends the browser back to the callback.</summary>
    public async Task<IActionResult> OnPostAuthorizeMastodonAsync(
        int workspaceId, string instance, string? hashtags, [FromServices] MastodonAuthorization authorization, CancellationToken ct)
    {
        var tags = (hashtags ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var started = await authorization.StartAsync(workspaceId, instance, tags, $"{Request.Scheme}://{Request.Host}", ct);
        if (started.WorkspaceMissing)
        {
            return NotFound();
        }
        if (started.AuthorizeUrl is null)
        {
            AddMastodonError = started.Error;
            return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
        }
        Response.Cookies.Append(MastodonAuthorization.NonceCookie, started.Nonce!, MastodonAuthorization.NonceCookieOptions(Request));
        return Redirect(started.AuthorizeUrl);
    }

    public async Task<IActionResult> OnPostAddWebhookAsync(int workspaceId, string? name, CancellationToken ct)
    {
        var outcome = await addWebhook.HandleAsync(workspaceId, new AddWebhookChannel.Request(name), ct);
        if (outcome.Channel is null)
        {
            return NotFound();
        }
        NewWebhook = (outcome.Channel, $"{Request.Scheme}://{Request.Host}{AddWebhookChannel.EndpointPath(outcome.Channel.Id)}", outcome.Secret!);
        return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostImportAsync(int workspaceId, string? format, string? map, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || !ImportFormats.TryParse(format, out var parsed))
        {
            ImportError = text["ImportChooseFile"];
        }
        else
        {
            try
            {
                await using var stream = file.OpenReadStream();
                ImportReport = await import.HandleAsync(
                    new ImportFile.Request(workspaceId, parsed, CsvMentions.ParseMap(map)), stream, null, ct);
            }
            catch (ImportException ex)
            {
                ImportError = ex.Message;
            }
        }
        return await LoadAsync(workspaceId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPollAsync(int workspaceId, int channelId, CancellationToken ct) =>
        await pollNow.HandleAsync(workspaceId, channelId, ct) ? Redirect($"/w/{workspaceId}#channels") : NotFound();

    private async Task<bool> LoadAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return false;
        }
        Workspace = workspace;
        Channels = await db.Channels.AsNoTracking().Where(c => c.WorkspaceId == workspaceId).OrderBy(c => c.Name).ToListAsync(ct);
        Queries = await db.ListeningQueries.AsNoTracking().Where(x => x.WorkspaceId == workspaceId).OrderBy(x => x.Name).ToListAsync(ct);
        _queryCounts = await db.QueryMatches.Where(m => db.ListeningQueries.Any(x => x.Id == m.QueryId && x.WorkspaceId == workspaceId))
            .GroupBy(m => m.QueryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // The channels' counters (kept by the pipeline as it stores), not a count of every row: this page is viewed often.
        TotalMentions = Channels.Sum(c => c.MentionCount);
        TotalComments = Channels.Sum(c => c.CommentCount);
        var since = clock.GetUtcNow().AddDays(-1);
        Recent = await db.Mentions.CountAsync(m => m.WorkspaceId == workspaceId && m.Published >= since, ct);
        // The chips offer the languages of the latest mentions (the filter itself takes any language).
        Languages = await db.Mentions.Where(m => m.WorkspaceId == workspaceId && m.Language != null)
            .OrderByDescending(m => m.Published).Take(LanguageWindow).Select(m => m.Language!)
            .GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).Take(8).ToListAsync(ct);
        QueryNode? query = null;
        if (!string.IsNullOrWhiteSpace(Q) && !QueryParser.TryParse(Q, out query, out var error))
        {
            QueryError = error;
            return true;
        }
        Highlights = new QueryHighlights(query);
        Results = await search.SearchAsync(new MentionFilter(workspaceId, query, PageNumber, PageSize)
        {
            QueryId = QueryId,
            Sentiment = Filter.Sentiment,
            Intent = Filter.Intent,
            Language = Filter.Language,
            Spam = Spam,
            Order = Order,
            ChannelId = ChannelId,
            PublishedFrom = Period?.Start,
            PublishedBefore = Period?.End,
            Side = Side,
        }, ct);
        return true;
    }

    public bool IsFiltered => Filter.Sentiment is not null || Filter.Intent is not null || Filter.Language is not null || Spam is not null;

    /// <summary>The period, channel and side a dashboard figure narrowed the list to.</summary>
    public bool IsNarrowed => Period is not null || ChannelId is not null || Side is not null;

    /// <summary>The narrowing's parameters as the search form carries them along.</summary>
    public IEnumerable<(string Name, string Value)> Narrowing()
    {
        if (Period is { } period)
        {
            yield return ("from", period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            yield return ("to", period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
        if (ChannelId is { } channel)
        {
            yield return ("channel", channel.ToString());
        }
        if (Side is { } side)
        {
            yield return ("who", side.ToString().ToLowerInvariant());
        }
    }

    /// <summary>This page's address with some filters changed: chips and pager keep the rest of what was asked.</summary>
    public string Link(int? page = null, string? sentiment = "", string? intent = "", string? lang = "", string? spam = "", bool narrowed = true)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q,
            ["queryId"] = QueryId?.ToString(),
            ["sentiment"] = sentiment == "" ? Filter.Sentiment?.ToString().ToLowerInvariant() : sentiment,
            ["intent"] = intent == "" ? Filter.Intent?.ToString().ToLowerInvariant() : intent,
            ["lang"] = lang == "" ? Filter.Language : lang,
            ["spam"] = spam == "" ? Spam?.ToString().ToLowerInvariant() : spam,
            ["sort"] = Order == MentionOrder.Newest ? null : MentionOrders.Name(Order),
        };
        if (narrowed)
        {
            foreach (var (name, value) in Narrowing())
            {
                query[name] = value;
            }
        }
        query["p"] = page is > 1 ? page.ToString() : null;
        var parts = query.Where(kv => kv.Value is not null).Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value!)}");
        return "?" + string.Join("&", parts);
    }

    public int QueryCount(int queryId) => _queryCounts.GetValueOrDefault(queryId);

    public string ChannelName(int channelId) => Channels.FirstOrDefault(c => c.Id == channelId)?.Name ?? "";

    public string Ago(DateTimeOffset when) => TimeAgo.Format(clock.GetUtcNow() - when, text);

    public string InitialsOf(string? author) => Avatars.Initials(author);

    public int HueOf(string? author) => Avatars.Hue(author);
}
