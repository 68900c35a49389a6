using Tertulia.Storage;

namespace Tertulia.Cli;

/// <summary>The store alone, for verbs that work on the database without serving (migrate, backup...).</summary>
public static class StoreServices
{
    /// <summary>--database, else TERTULIA_DATABASE, else tertulia.db in the current folder.</summary>
    public static string Resolve(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return option;
        }
        var env = Environment.GetEnvironmentVariable("TERTULIA_DATABASE");
        return string.IsNullOrWhiteSpace(env) ? $"Data Source={Path.Combine(Environment.CurrentDirectory, "tertulia.db")}" : env;
    }

    public static ServiceProvider Build(string database, Action<IServiceCollection, IConfiguration>? more = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Tertulia:Database"] = database })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddStorage(configuration);
        more?.Invoke(services, configuration);
        return services.BuildServiceProvider();
    }
}
