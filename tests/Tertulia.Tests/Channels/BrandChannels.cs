using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Mastodon;
using Tertulia.Tests.Channels.Bluesky;

namespace Tertulia.Tests.Channels;

/// <summary>The brand's own accounts on the real test servers, connected to a workspace as channels that can post.</summary>
public static class BrandChannels
{
    public static async Task<int> ConnectMastodonAsync(this ChannelTestApp app, int workspaceId)
    {
        var outcome = await app.Scoped<AddMastodonChannel>().HandleAsync(workspaceId,
            new AddMastodonChannel.Request(MastodonServer.Url, MastodonServer.BrandToken, []), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }

    public static async Task<int> ConnectBlueskyAsync(this ChannelTestApp app, int workspaceId, BlueskyServer.Account brand)
    {
        var outcome = await app.Scoped<AddBlueskyChannel>().HandleAsync(workspaceId,
            new AddBlueskyChannel.Request("@" + brand.Handle, brand.AppPassword, BlueskyServer.Url, null), CancellationToken.None);
        Assert.Null(outcome.Error);
        return outcome.Channel!.Id;
    }
}
