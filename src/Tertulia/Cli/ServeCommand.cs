using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
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
        [Description("SQLite file or connection string. Default: tertulia.db in the current folder (or TERTULIA_DATABASE).")]
        public string? Database { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var database = settings.Database ?? Environment.GetEnvironmentVariable("TERTULIA_DATABASE");
        var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = settings.Urls,
            Demo = settings.Demo,
            Database = database ?? $"Data Source={Path.Combine(Environment.CurrentDirectory, "tertulia.db")}",
        });
        AnsiConsole.MarkupLine($"[bold]Tertulia[/] en [link]{Markup.Escape(settings.Urls)}[/]" + (settings.Demo ? " [grey](demo)[/]" : ""));
        await TertuliaApp.RunAsync(app, cancellationToken);
        return 0;
    }
}
