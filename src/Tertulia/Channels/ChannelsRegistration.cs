using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Tertulia.Channels.Bluesky;
using Tertulia.Channels.Email;
using Tertulia.Channels.Feeds;
using Tertulia.Channels.Imports;
using Tertulia.Channels.Mastodon;
using Tertulia.Channels.Network;
using Tertulia.Channels.Webhooks;
using Tertulia.Storage;

namespace Tertulia.Channels;

public static class ChannelsRegistration
{
    public static IServiceCollection AddChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddChannelHttp();
        services.AddOptions<PollingOptions>().BindConfiguration("Tertulia:Polling");
        var dataProtection = services.AddDataProtection().SetApplicationName("Tertulia");
        if (SharedKeyRing(configuration))
        {
            // Several nodes: the key ring lives in the shared database, so any node reads what another encrypted.
            services.AddOptions<KeyManagementOptions>().Configure<StoreConnection>((o, store) => o.XmlRepository = new PostgresKeyRing(store));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(KeysFolder(configuration)));
        }
        if (KeyCertificate.Load(configuration) is { } certificate)
        {
            // The keys themselves encrypted, with a certificate that lives apart from the data (see KeyCertificate).
            dataProtection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        services.AddSingleton<ChannelSecrets>();
        services.AddSingleton<HostLimiter>();
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<IChannelAdapter, FeedAdapter>();
        services.AddEmailChannel();
        services.AddWebhookChannel();
        services.AddImports();
        services.AddMastodonChannel();
        services.AddBlueskyChannel();
        services.AddScoped<ChannelPoller>();
        services.AddSingleton<ChannelLeases>();
        services.AddSingleton<ChannelPollingService>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelPollingService>());
        services.AddScoped<AddFeedChannel>();
        services.AddScoped<PollChannelNow>();
        services.AddScoped<ReplyToMention>();
        return services;
    }

    /// <summary>On PostgreSQL the keys are kept in the database, unless Tertulia:KeysFolder names a folder.</summary>
    private static bool SharedKeyRing(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["Tertulia:KeysFolder"])
        && StoreConnection.Parse(configuration["Tertulia:Database"] ?? new StorageOptions().Database).Kind == StoreKind.Postgres;

    /// <summary>
    /// Where the credential keys are kept: Tertulia:KeysFolder, else a "keys" folder beside the SQLite file,
    /// so moving the data folder moves the keys with it.
    /// </summary>
    public static string KeysFolder(IConfiguration configuration)
    {
        if (configuration["Tertulia:KeysFolder"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        var store = StoreConnection.Parse(configuration["Tertulia:Database"] ?? new StorageOptions().Database);
        var dataSource = store.Kind == StoreKind.Sqlite ? new SqliteConnectionStringBuilder(store.ConnectionString).DataSource : "";
        var folder = string.IsNullOrEmpty(dataSource) || dataSource.StartsWith(':')
            ? Environment.CurrentDirectory
            : Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? Environment.CurrentDirectory;
        return Path.Combine(folder, "keys");
    }
}
