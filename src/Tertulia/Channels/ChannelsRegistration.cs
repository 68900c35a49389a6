using Tertulia.Channels.Feeds;
using Tertulia.Channels.Network;

namespace Tertulia.Channels;

public static class ChannelsRegistration
{
    public static IServiceCollection AddChannels(this IServiceCollection services)
    {
        services.AddChannelHttp();
        services.AddOptions<PollingOptions>().BindConfiguration("Tertulia:Polling");
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<IChannelAdapter, FeedAdapter>();
        services.AddScoped<ChannelPoller>();
        services.AddSingleton<ChannelLeases>();
        services.AddSingleton<ChannelPollingService>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelPollingService>());
        services.AddScoped<AddFeedChannel>();
        services.AddScoped<PollChannelNow>();
        return services;
    }
}
