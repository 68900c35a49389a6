using Spectre.Console.Cli;

namespace Tertulia.Cli;

/// <summary>The verbs of the one Tertulia executable. `serve` is the default.</summary>
public static class TertuliaCli
{
    public static CommandApp<ServeCommand> Create()
    {
        var app = new CommandApp<ServeCommand>();
        app.Configure(config =>
        {
            config.SetApplicationName("tertulia");
            config.AddCommand<ServeCommand>("serve")
                .WithDescription("Run the web UI, the REST API and the channel workers (default).")
                .WithExample("serve", "--demo");
            config.AddCommand<MigrateCommand>("migrate")
                .WithDescription("Create the database's schema or bring it up to date, then exit.")
                .WithExample("migrate", "--database", "postgres://tertulia:secret@db:5432/tertulia");
        });
        return app;
    }
}
