using Microsoft.EntityFrameworkCore;
using Tertulia.Channels.Network;
using Tertulia.Storage;

namespace Tertulia.Channels;

/// <summary>Adds a blog or news feed to a workspace. The channel is polled at once, then on its schedule.</summary>
public sealed class AddFeedChannel(
    IDbContextFactory<TertuliaDb> dbs,
    AddressPolicy addresses,
    ChannelPollingService polling,
    TimeProvider clock)
{
    public sealed record Request(string Url, string? Name = null, int? PollMinutes = null);

    public sealed record Outcome(Channel? Channel, string? Error, bool WorkspaceMissing = false);

    public async Task<Outcome> HandleAsync(int workspaceId, Request request, CancellationToken ct)
    {
        var url = request.Url?.Trim() ?? "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return new Outcome(null, "The feed address must be a full http:// or https:// URL.");
        }
        if (url.Length > 2048)
        {
            return new Outcome(null, "The feed address is too long.");
        }
        try
        {
            await addresses.ResolveAllowedAsync(uri.Host, ct);
        }
        catch (ChannelException ex)
        {
            return new Outcome(null, ex.Message);
        }

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, null, WorkspaceMissing: true);
        }
        if (await db.Channels.AnyAsync(c => c.WorkspaceId == workspaceId && c.Source == uri.AbsoluteUri, ct))
        {
            return new Outcome(null, "This workspace already listens to that feed.");
        }
        var now = clock.GetUtcNow();
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = ChannelKind.Feed,
            Name = string.IsNullOrWhiteSpace(request.Name) ? uri.Host + uri.AbsolutePath.TrimEnd('/') : request.Name.Trim(),
            Source = uri.AbsoluteUri,
            CreatedAt = now,
            NextPollAt = now,
            PollInterval = TimeSpan.FromMinutes(Math.Clamp(request.PollMinutes ?? 15, 1, 24 * 60)),
        };
        if (channel.Name.Length > 200)
        {
            channel.Name = BoundedText.Clip(channel.Name, 200);
        }
        db.Channels.Add(channel);
        await db.SaveChangesAsync(ct);
        polling.Wake();
        return new Outcome(channel, null);
    }
}
