using Microsoft.AspNetCore.Mvc;
using Tertulia.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Tertulia.Channels;
using Tertulia.Channels.Webhooks;
using Tertulia.Mentions;
using Tertulia.Storage;

namespace Tertulia.Web.Pages;

/// <summary>One channel: how it is doing (state, last read, last error, next read), "poll now", and its latest mentions.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Admin)]
public sealed class ChannelModel(
    IDbContextFactory<TertuliaDb> dbs,
    PollChannelNow pollNow,
    Tertulia.Channels.Bluesky.BlueskyFirehoseWatcher firehose,
    TimeProvider clock,
    IStringLocalizer<UiText> text) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public Channel Channel { get; private set; } = null!;
    public string State { get; private set; } = "";
    public List<Mention> Latest { get; private set; } = [];
    public bool Polled => Channel.Kind is ChannelKind.Feed or ChannelKind.Email or ChannelKind.Mastodon or ChannelKind.Bluesky;
    /// <summary>A Bluesky channel's live firehose: "streaming" or "connecting".</summary>
    public string? StreamState => Channel.Kind == ChannelKind.Bluesky ? firehose.StateOf(Channel.Id) : null;
    public string? WebhookEndpoint { get; private set; }

    public async Task<IActionResult> OnGetAsync(int workspaceId, int channelId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        // The mentions are read before the channel: a poll stores its mentions and the channel's state in one
        // transaction, so the state read after them is at least as new as the mentions shown (never "waiting for
        // its first read" above a list of what that read brought).
        var latest = await db.Mentions.AsNoTracking()
            .Where(m => m.ChannelId == channelId && m.WorkspaceId == workspaceId)
            .OrderByDescending(m => m.Published).Take(10).ToListAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        var channel = await db.Channels.AsNoTracking().SingleOrDefaultAsync(c => c.Id == channelId && c.WorkspaceId == workspaceId, ct);
        if (workspace is null || channel is null)
        {
            return NotFound();
        }
        Workspace = workspace;
        Channel = channel;
        State = ChannelsApi.StateOf(channel);
        Latest = latest;
        if (channel.Kind == ChannelKind.Webhook)
        {
            WebhookEndpoint = $"{Request.Scheme}://{Request.Host}{AddWebhookChannel.EndpointPath(channel.Id)}";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostPollAsync(int workspaceId, int channelId, CancellationToken ct) =>
        await pollNow.HandleAsync(workspaceId, channelId, ct) ? Redirect($"/w/{workspaceId}/c/{channelId}") : NotFound();

    public string Ago(DateTimeOffset? when) => when is { } value ? TimeAgo.Format(clock.GetUtcNow() - value, text) : text["Never"];

    /// <summary>The next read: "now" when due, else the local time it is planned for.</summary>
    public string Next(DateTimeOffset when) =>
        when <= clock.GetUtcNow() ? text["Now"] : when.ToLocalTime().ToString("g");
}
