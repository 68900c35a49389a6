using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels.Network;
using Tertulia.Storage;
using Tertulia.Access;

namespace Tertulia.Channels.Mastodon;

/// <summary>
/// Connects a Mastodon account with an access token (Preferences → Development → New application, scopes
/// read + write:statuses), checks it, and stores it encrypted with the hashtags to follow.
/// </summary>
public sealed class AddMastodonChannel(
    IDbContextFactory<TertuliaDb> dbs,
    MastodonClient client,
    AddressPolicy addresses,
    ChannelSecrets secrets,
    ChannelPollingService polling,
    MastodonStreamWatcher streams,
    TimeProvider clock)
{
    public sealed record Request(string Instance, string AccessToken, IReadOnlyList<string>? Hashtags = null, int? PollMinutes = null);

    public sealed record Outcome(Channel? Channel, string? Error, bool WorkspaceMissing = false);

    public async Task<Outcome> HandleAsync(int workspaceId, Request request, CancellationToken ct)
    {
        if (!TryInstance(request.Instance, out var uri))
        {
            return new Outcome(null, "The instance must be an address such as mastodon.social.");
        }
        if (string.IsNullOrWhiteSpace(request.AccessToken))
        {
            return new Outcome(null, "The access token is required.");
        }
        var tags = CleanHashtags(request.Hashtags);
        var account = new MastodonAccount { Instance = uri.GetLeftPart(UriPartial.Authority), AccessToken = request.AccessToken.Trim(), Hashtags = tags };
        MastodonAccountInfo me;
        try
        {
            await addresses.ResolveAllowedAsync(uri.Host, ct);
            me = await client.VerifyAsync(account, ct);
        }
        catch (ChannelException ex)
        {
            return new Outcome(null, ex.Message);
        }
        account = account with { AccountId = me.Id };

        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new Outcome(null, null, WorkspaceMissing: true);
        }
        var source = $"{account.Instance}/@{me.Username}";
        if (await db.Channels.AnyAsync(c => c.WorkspaceId == workspaceId && c.Source == source, ct))
        {
            return new Outcome(null, "This workspace already listens to that account.");
        }
        var now = clock.GetUtcNow();
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = ChannelKind.Mastodon,
            Name = $"@{me.Username}@{uri.Host}" + (tags.Count > 0 ? " · #" + string.Join(" #", tags) : ""),
            Source = source,
            Credentials = secrets.Protect(account),
            CreatedAt = now,
            NextPollAt = now,
            PollInterval = TimeSpan.FromMinutes(Math.Clamp(request.PollMinutes ?? 2, 1, 24 * 60)),
        };
        if (channel.Name.Length > 200)
        {
            channel.Name = BoundedText.Clip(channel.Name, 200);
        }
        db.Channels.Add(channel);
        await db.SaveChangesAsync(ct);
        polling.Wake();
        streams.RefreshChannels();
        return new Outcome(channel, null);
    }

    /// <summary>"mastodon.social" or "https://mastodon.social/": an http(s) address.</summary>
    public static bool TryInstance(string? text, out Uri uri)
    {
        var instance = text?.Trim() ?? "";
        if (!instance.Contains("://"))
        {
            instance = "https://" + instance;
        }
        return Uri.TryCreate(instance, UriKind.Absolute, out uri!) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;
    }

    public static List<string> CleanHashtags(IEnumerable<string>? hashtags) =>
        (hashtags ?? []).Select(t => t.Trim().TrimStart('#')).Where(t => t.Length is > 0 and <= 100).Distinct(StringComparer.OrdinalIgnoreCase).Take(20).ToList();
}

public static class MastodonChannelApi
{
    public static IEndpointRouteBuilder MapMastodonChannelApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/workspaces/{workspaceId:int}/channels/mastodon",
            async Task<Results<Created<ChannelsApi.ChannelDto>, NotFound, ProblemHttpResult>> (
                int workspaceId, AddMastodonChannel.Request request, AddMastodonChannel handler, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(workspaceId, request, ct);
                return ChannelsApi.Connected(workspaceId, outcome.WorkspaceMissing, outcome.Channel, outcome.Error, "The account cannot be connected");
            })
            .WithTags("Channels")
            .WithName("AddMastodonChannel")
            .RequireWorkspaceRole(WorkspaceRole.Admin);
        app.MapMastodonAuthorizationApi();
        return app;
    }
}

public static class MastodonRegistration
{
    public static IServiceCollection AddMastodonChannel(this IServiceCollection services)
    {
        services.AddSingleton<MastodonClient>();
        services.AddSingleton<IChannelAdapter, MastodonAdapter>();
        services.AddSingleton<IChannelReplier, MastodonReplier>();
        services.AddSingleton<IChannelPublisher, MastodonPublisher>();
        services.AddScoped<AddMastodonChannel>();
        services.AddScoped<MastodonAuthorization>();
        services.AddSingleton<MastodonStreamWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<MastodonStreamWatcher>());
        return services;
    }
}
