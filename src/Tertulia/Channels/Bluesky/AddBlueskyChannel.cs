using Tertulia.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels.Network;
using Tertulia.Storage;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// Connects a Bluesky account with its handle and an app password (Settings → Privacy and security → App passwords):
/// signs in to check them, and stores them and the session encrypted. The channel listens to the firehose of the
/// account's PDS, or of the relay given (wss://bsky.network hears the whole network).
/// </summary>
public sealed class AddBlueskyChannel(
    IDbContextFactory<TertuliaDb> dbs,
    BlueskySessions sessions,
    AddressPolicy addresses,
    ChannelSecrets secrets,
    ChannelPollingService polling,
    BlueskyFirehoseWatcher watcher,
    TimeProvider clock)
{
    public const string DefaultService = "https://bsky.social";

    public sealed record Request(string Handle, string AppPassword, string? Service = null, string? Firehose = null, int? PollMinutes = null);

    public sealed record Outcome(Channel? Channel, string? Error, bool WorkspaceMissing = false);

    public async Task<Outcome> HandleAsync(int workspaceId, Request request, CancellationToken ct)
    {
        var handle = (request.Handle ?? "").Trim().TrimStart('@');
        if (handle.Length is 0 or > 253 || handle.Contains(' ') || !handle.Contains('.'))
        {
            return new Outcome(null, "The handle must look like ana.bsky.social.");
        }
        if (string.IsNullOrWhiteSpace(request.AppPassword))
        {
            return new Outcome(null, "The app password is required.");
        }
        if (ServiceUri(request.Service, DefaultService, ["http", "https"]) is not { } service)
        {
            return new Outcome(null, "The server must be an address such as https://bsky.social.");
        }
        Uri? firehose = null;
        if (!string.IsNullOrWhiteSpace(request.Firehose) && (firehose = ServiceUri(request.Firehose, null, ["http", "https", "ws", "wss"])) is null)
        {
            return new Outcome(null, "The firehose must be an address such as wss://bsky.network.");
        }
        var account = new BlueskyAccount
        {
            Service = service.GetLeftPart(UriPartial.Authority),
            Handle = handle,
            AppPassword = request.AppPassword.Trim(),
            Firehose = firehose?.GetLeftPart(UriPartial.Authority),
        };
        try
        {
            await addresses.ResolveAllowedAsync(service.Host, ct);
            if (firehose is not null)
            {
                await addresses.ResolveAllowedAsync(firehose.Host, ct);
            }
            account = await sessions.SignInAsync(account, ct);
        }
        catch (XrpcException ex) when (ex.Status is 400 or 401)
        {
            return new Outcome(null, $"Bluesky refused the handle or the app password. ({ex.Message})");
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
        var source = $"{account.Service}/profile/{account.Did}";
        if (await db.Channels.AnyAsync(c => c.WorkspaceId == workspaceId && c.Source == source, ct))
        {
            return new Outcome(null, "This workspace already listens to that account.");
        }
        var now = clock.GetUtcNow();
        var channel = new Channel
        {
            WorkspaceId = workspaceId,
            Kind = ChannelKind.Bluesky,
            Name = $"@{account.Handle} (Bluesky)",
            Source = source,
            Credentials = secrets.Protect(account),
            CreatedAt = now,
            NextPollAt = now + TimeSpan.FromMinutes(1),
            PollInterval = TimeSpan.FromMinutes(Math.Clamp(request.PollMinutes ?? 15, 1, 24 * 60)),
        };
        if (channel.Name.Length > 200)
        {
            channel.Name = BoundedText.Clip(channel.Name, 200);
        }
        db.Channels.Add(channel);
        await db.SaveChangesAsync(ct);
        watcher.RefreshChannels();
        polling.Wake();
        return new Outcome(channel, null);
    }

    private static Uri? ServiceUri(string? text, string? fallback, string[] schemes)
    {
        var value = string.IsNullOrWhiteSpace(text) ? fallback : text.Trim();
        if (value is null)
        {
            return null;
        }
        if (!value.Contains("://"))
        {
            value = "https://" + value;
        }
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme) ? uri : null;
    }
}

public static class BlueskyChannelApi
{
    public static IEndpointRouteBuilder MapBlueskyChannelApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/workspaces/{workspaceId:int}/channels/bluesky",
            async Task<Results<Created<ChannelsApi.ChannelDto>, NotFound, ProblemHttpResult>> (
                int workspaceId, AddBlueskyChannel.Request request, AddBlueskyChannel handler, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(workspaceId, request, ct);
                return ChannelsApi.Connected(workspaceId, outcome.WorkspaceMissing, outcome.Channel, outcome.Error, "The account cannot be connected");
            })
            .WithTags("Channels")
            .WithName("AddBlueskyChannel")
            .RequireWorkspaceRole(WorkspaceRole.Admin);
        return app;
    }
}

public static class BlueskyRegistration
{
    public static IServiceCollection AddBlueskyChannel(this IServiceCollection services)
    {
        services.AddOptions<BlueskyOptions>().BindConfiguration("Tertulia:Bluesky");
        services.AddSingleton<BlueskyClient>();
        services.AddSingleton<BlueskyFirehose>();
        services.AddSingleton<BlueskySessions>();
        services.AddSingleton<IChannelAdapter, BlueskyAdapter>();
        services.AddSingleton<IChannelReplier, BlueskyReplier>();
        services.AddSingleton<IChannelPublisher, BlueskyPublisher>();
        services.AddScoped<AddBlueskyChannel>();
        services.AddSingleton<BlueskyFirehoseWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<BlueskyFirehoseWatcher>());
        return services;
    }
}
