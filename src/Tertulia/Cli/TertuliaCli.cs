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
            config.AddCommand<ImportCommand>("import")
                .WithDescription("Import an export (X/Twitter tweets.js, Facebook/Instagram comments, Google reviews, CSV) into a workspace.")
                .WithExample("import", "--workspace", "1", "--format", "twitter", "tweets.js")
                .WithExample("import", "--workspace", "1", "--format", "csv", "--map", "Comentario=text,Cliente=author,Fecha=date", "opiniones.csv");
        });
        return app;
    }
}
