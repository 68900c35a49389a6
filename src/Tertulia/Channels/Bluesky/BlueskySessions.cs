using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Channels.Bluesky;

/// <summary>
/// Runs a call with a channel's session: the stored access token first; when the PDS says it expired, the refresh
/// token; when that is refused too, a new session from the handle and app password. New tokens are saved encrypted
/// on the channel at once, so the next call (or the next node) starts from them.
/// </summary>
public sealed class BlueskySessions(BlueskyClient client, ChannelSecrets secrets, IDbContextFactory<TertuliaDb> dbs)
{
    public async Task<T> WithSessionAsync<T>(Channel channel, Func<BlueskyAccount, Task<T>> call, CancellationToken ct)
    {
        var account = secrets.Unprotect<BlueskyAccount>(channel);
        if (account.AccessJwt is not null)
        {
            try
            {
                return await call(account);
            }
            catch (XrpcException ex) when (ex.IsExpiredSession)
            {
            }
        }
        account = await RenewAsync(account, ct);
        await SaveAsync(channel.Id, account, ct);
        return await call(account);
    }

    public async Task<BlueskyAccount> SignInAsync(BlueskyAccount account, CancellationToken ct)
    {
        var session = await client.CreateSessionAsync(account.Service, account.Handle, account.AppPassword, ct);
        return account with { Did = session.Did, Handle = session.Handle, AccessJwt = session.AccessJwt, RefreshJwt = session.RefreshJwt };
    }

    private async Task<BlueskyAccount> RenewAsync(BlueskyAccount account, CancellationToken ct)
    {
        if (account.RefreshJwt is not null)
        {
            try
            {
                var session = await client.RefreshSessionAsync(account.Service, account.RefreshJwt, ct);
                return account with { AccessJwt = session.AccessJwt, RefreshJwt = session.RefreshJwt, Handle = session.Handle };
            }
            catch (XrpcException ex) when (ex.Status is 400 or 401)
            {
                // The refresh token expired or was revoked: sign in again with the app password.
            }
        }
        try
        {
            return await SignInAsync(account, ct);
        }
        catch (XrpcException ex) when (ex.Status is 400 or 401)
        {
            throw new ChannelException($"Bluesky refused the app password of @{account.Handle}: connect the account again. ({ex.Message})");
        }
    }

    private async Task SaveAsync(int channelId, BlueskyAccount account, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var protectedCredentials = secrets.Protect(account);
        await db.Channels.Where(c => c.Id == channelId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Credentials, protectedCredentials), ct);
    }
}
