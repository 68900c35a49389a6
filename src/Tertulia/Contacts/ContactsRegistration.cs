namespace Tertulia.Contacts;

public static class ContactsRegistration
{
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddSingleton<ContactMerging>();
        services.AddSingleton<ContactResolver>();
        services.AddSingleton<MergeContacts>();
        services.AddSingleton<FollowContacts>();
        services.AddSingleton<ContactBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<ContactBackfill>());
        return services;
    }
}
