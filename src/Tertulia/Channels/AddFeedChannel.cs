using Microsoft.EntityFrameworkCore;
using Tertulia.Channels.Network;
using Tertulia.Contacts;
using Tertulia.Storage;

namespace Tertulia.Channels;

/// <summary>Adds a blog or news feed to a workspace. The channel is polled at once, then on its schedule.</summary>
public sealed class AddFeedChannel(
    IDbContextFactory<TertuliaDb> dbs,
    AddressPolicy addresses,
    ChannelPollingService polling,
    WriteGate writeGate,
    TimeProvider clock)
{
    /// <summary>
    /// <paramref name="BrandAuthors"/>: the names the business itself writes under in this feed (the owner who signs the
    /// posts of its own blog, the shop's name under its replies): their posts and comments are the brand's, from the
    /// first poll on (see <see cref="BrandContacts"/>).
    /// </summary>
    public sealed record Request(string Url, string? Name = null, int? PollMinutes = null, IReadOnlyList<string>? BrandAuthors = null);

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
        if (BrandContacts.Refusal(request.BrandAuthors) is { } refusal)
        {
            return new Outcome(null, refusal);
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
        if (request.BrandAuthors is not { Count: > 0 } brand)
        {
            db.Channels.Add(channel);
            await db.SaveChangesAsync(ct);
        }
        else
        {
            // The brand's authors are known before the first poll reads anything they wrote.
            using (await writeGate.EnterAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                db.Channels.Add(channel);
                await db.SaveChangesAsync(ct);
                await BrandContacts.EnsureAsync(db, channel, brand, now, ct);
                await tx.CommitAsync(ct);
            }
        }
        polling.Wake();
        return new Outcome(channel, null);
    }
}
