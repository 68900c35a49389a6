namespace Tertulia.Channels.Email;

public static class EmailRegistration
{
    public static IServiceCollection AddEmailChannel(this IServiceCollection services)
    {
        services.AddOptions<EmailOptions>().BindConfiguration("Tertulia:Email");
        services.AddSingleton<MailConnector>();
        services.AddSingleton<IChannelAdapter, EmailAdapter>();
        services.AddSingleton<IChannelReplier, EmailReplier>();
        services.AddScoped<AddEmailChannel>();
        services.AddSingleton<EmailIdleWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailIdleWatcher>());
        return services;
    }
}
