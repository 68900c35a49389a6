using Tertulia.Access;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tertulia.Channels.Network;
using Tertulia.Storage;

namespace Tertulia.Channels.Mastodon;

/// <summary>
/// Connects a Mastodon account the way Mastodon apps do (OAuth 2 authorization code): Tertulia registers itself with
/// the instance (POST /api/v1/apps), sends the user there to log in and approve, and takes the code the instance
/// sends back to /oauth/mastodon/callback, exchanging it for the account's token, which is then checked and stored
/// encrypted like a pasted one (<see cref="AddMastodonChannel"/>). Nothing is stored until then: what the callback
/// needs travels in the OAuth state, encrypted and signed with Data Protection, valid for 15 minutes, and bound to
/// the browser that started by a nonce cookie (no other browser can finish it).
/// </summary>
public sealed class MastodonAuthorization(
    IDbContextFactory<TertuliaDb> dbs,
    MastodonClient client,
    AddressPolicy addresses,
    AddMastodonChannel add,
    IDataProtectionProvider protection)
{
    public const string CallbackPath = "/oauth/mastodon/callback";
    public const string NonceCookie = "tertulia_mastodon_oauth";
    public const string Scopes = "read write:statuses";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private readonly ITimeLimitedDataProtector _state = protection.CreateProtector("Tertulia.Channels.Mastodon.OAuthState.v1").ToTimeLimitedDataProtector();

    private sealed record Pending(int WorkspaceId, string Instance, string ClientId, string ClientSecret, string RedirectUri, List<string> Hashtags, string Nonce);

    public sealed record Started(string? AuthorizeUrl, string? Nonce, string? Error, bool WorkspaceMissing = false);

    public sealed record Finished(Channel? Channel, int WorkspaceId, string? Error);

    /// <summary>Registers Tertulia with the instance; the user's browser goes to <see cref="Started.AuthorizeUrl"/> with the nonce cookie set.</summary>
    public async Task<Started> StartAsync(int workspaceId, string? instance, IReadOnlyList<string>? hashtags, string publicBaseUrl, CancellationToken ct)
    {
        if (!AddMastodonChannel.TryInstance(instance, out var uri))
        {
            return new Started(null, null, "The instance must be an address such as mastodon.social.");
        }
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
            {
                return new Started(null, null, null, WorkspaceMissing: true);
            }
        }
        var origin = uri.GetLeftPart(UriPartial.Authority);
        var redirectUri = publicBaseUrl.TrimEnd('/') + CallbackPath;
        MastodonApp app;
        try
        {
            await addresses.ResolveAllowedAsync(uri.Host, ct);
            app = await client.RegisterAppAsync(origin, redirectUri, Scopes, ct);
        }
        catch (ChannelException ex)
        {
            return new Started(null, null, ex.Message);
        }
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var pending = new Pending(workspaceId, origin, app.ClientId, app.ClientSecret, redirectUri, AddMastodonChannel.CleanHashtags(hashtags), nonce);
        var state = _state.Protect(JsonSerializer.Serialize(pending), Lifetime);
        var url = $"{origin}/oauth/authorize?response_type=code&client_id={Uri.EscapeDataString(app.ClientId)}"
            + $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope={Uri.EscapeDataString(Scopes)}&state={Uri.EscapeDataString(state)}";
        return new Started(url, nonce, null);
    }

    /// <summary>The instance sent the browser back: check the state and the nonce, exchange the code, connect the account.</summary>
    public async Task<Finished> FinishAsync(string? code, string? state, string? error, string? nonce, CancellationToken ct)
    {
        Pending? pending;
        try
        {
            pending = state is null ? null : JsonSerializer.Deserialize<Pending>(_state.Unprotect(state));
        }
        catch (Exception ex) when (ex is CryptographicException or JsonException or FormatException)
        {
            pending = null;
        }
        if (pending is null)
        {
            return new Finished(null, 0, "The authorization is unknown or expired (15 minutes): connect the account again.");
        }
        if (nonce is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(nonce), System.Text.Encoding.ASCII.GetBytes(pending.Nonce)))
        {
            return new Finished(null, pending.WorkspaceId, "This authorization was started in another browser: connect the account again from here.");
        }
        if (error is not null || string.IsNullOrWhiteSpace(code))
        {
            return new Finished(null, pending.WorkspaceId, $"The instance did not authorize Tertulia ({(error is null ? "no code" : BoundedText.Clip(error, 100))}).");
        }
        MastodonToken token;
        try
        {
            await addresses.ResolveAllowedAsync(new Uri(pending.Instance).Host, ct);
            token = await client.ExchangeCodeAsync(pending.Instance, new MastodonApp { ClientId = pending.ClientId, ClientSecret = pending.ClientSecret },
                code, pending.RedirectUri, Scopes, ct);
        }
        catch (ChannelException ex)
        {
            return new Finished(null, pending.WorkspaceId, ex.Message);
        }
        var outcome = await add.HandleAsync(pending.WorkspaceId, new AddMastodonChannel.Request(pending.Instance, token.AccessToken, pending.Hashtags), ct);
        return new Finished(outcome.Channel, pending.WorkspaceId, outcome.Error);
    }

    public static CookieOptions NonceCookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        // Lax: the cookie comes back on the instance's top-level redirect to the callback.
        SameSite = SameSiteMode.Lax,
        MaxAge = Lifetime,
        Path = CallbackPath,
    };
}

public static class MastodonAuthorizationApi
{
    public sealed record AuthorizeRequest(string? Instance, IReadOnlyList<string>? Hashtags);

    public sealed record AuthorizeResponse(string AuthorizeUrl);

    public static IEndpointRouteBuilder MapMastodonAuthorizationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/workspaces/{workspaceId:int}/channels/mastodon/authorize",
            async Task<Results<Ok<AuthorizeResponse>, NotFound, ProblemHttpResult>> (
                int workspaceId, AuthorizeRequest request, MastodonAuthorization authorization, HttpContext http, CancellationToken ct) =>
            {
                var started = await authorization.StartAsync(workspaceId, request.Instance, request.Hashtags, $"{http.Request.Scheme}://{http.Request.Host}", ct);
                if (started.WorkspaceMissing)
                {
                    return TypedResults.NotFound();
                }
                if (started.AuthorizeUrl is null)
                {
                    return TypedResults.Problem(title: "The instance cannot be reached", detail: started.Error, statusCode: StatusCodes.Status400BadRequest);
                }
                http.Response.Cookies.Append(MastodonAuthorization.NonceCookie, started.Nonce!, MastodonAuthorization.NonceCookieOptions(http.Request));
                return TypedResults.Ok(new AuthorizeResponse(started.AuthorizeUrl));
            })
            .WithTags("Channels")
            .WithName("AuthorizeMastodonChannel")
            .RequireWorkspaceRole(WorkspaceRole.Admin);

        app.MapGet(MastodonAuthorization.CallbackPath,
            async Task<Results<RedirectHttpResult, ProblemHttpResult>> (
                string? code, string? state, string? error, MastodonAuthorization authorization, HttpContext http, CancellationToken ct) =>
            {
                var finished = await authorization.FinishAsync(code, state, error, http.Request.Cookies[MastodonAuthorization.NonceCookie], ct);
                http.Response.Cookies.Delete(MastodonAuthorization.NonceCookie, MastodonAuthorization.NonceCookieOptions(http.Request));
                if (finished.Channel is null)
                {
                    return TypedResults.Problem(title: "The Mastodon account was not connected", detail: finished.Error, statusCode: StatusCodes.Status400BadRequest);
                }
                return TypedResults.Redirect($"/w/{finished.WorkspaceId}/c/{finished.Channel.Id}");
            })
            .WithTags("Channels")
            .WithName("MastodonAuthorizationCallback");
        return app;
    }
}
