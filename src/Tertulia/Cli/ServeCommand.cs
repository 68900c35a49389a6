using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tertulia.Demo;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Cli;

/// <summary>`serve`: the web UI, the API and the background workers, in one process.</summary>
public sealed class ServeCommand : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--demo")]
        [Description("Create and fill the demo workspace (a bakery and its customers) from the feeds Tertulia ships.")]
        public bool Demo { get; init; }

        [CommandOption("--urls <URLS>")]
        [Description("Where to listen. Default: http://127.0.0.1:5080")]
        public string Urls { get; init; } = "http://127.0.0.1:5080";

        [CommandOption("--database <DATABASE>")]
        [Description("SQLite file or connection string, or PostgreSQL (postgres://user:pass@host:port/db or an Npgsql connection string). Default: TERTULIA_DATABASE, else tertulia.db in the current folder.")]
        public string? Database { get; init; }

        [CommandOption("--migrate")]
        [Description("Apply pending migrations before serving (what a SQLite file gets anyway; PostgreSQL otherwise refuses to start on an outdated schema).")]
        public bool Migrate { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = settings.Urls,
            Demo = settings.Demo,
            Database = StoreServices.Resolve(settings.Database),
            Migrate = settings.Migrate ? true : null,
        });
        AnsiConsole.MarkupLine($"[bold]Tertulia[/] en [link]{Markup.Escape(settings.Urls)}[/]" + (settings.Demo ? " [grey](demo)[/]" : ""));
        if (settings.Demo)
        {
            // Two short lines: a console narrower than one long line would wrap it.
            AnsiConsole.MarkupLine($"Demo: entra con [bold]{DemoOwner.Email}[/] y la contraseña [bold]{DemoOwner.Password}[/]");
            AnsiConsole.MarkupLine($"[grey]      (sign in as {DemoOwner.Email}, password {DemoOwner.Password})[/]");
        }
        try
        {
            await TertuliaApp.RunAsync(app, cancellationToken);
        }
        catch (PendingMigrationsException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 3;
        }
        return 0;
    }
}
