using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tertulia.Storage;

namespace Tertulia.Cli;

/// <summary>`migrate`: creates the database's schema or brings it up to date, then exits. The way to upgrade PostgreSQL.</summary>
public sealed class MigrateCommand : AsyncCommand<MigrateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--database <DATABASE>")]
        [Description("SQLite file or connection string, or PostgreSQL (postgres://user:pass@host:port/db or an Npgsql connection string). Default: TERTULIA_DATABASE, else tertulia.db.")]
        public string? Database { get; init; }

        [CommandOption("--list")]
        [Description("Only list the pending migrations.")]
        public bool List { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var services = StoreServices.Build(StoreServices.Resolve(settings.Database));
        var store = services.GetRequiredService<StoreConnection>();
        if (settings.List)
        {
            var pending = await StoreMigrations.PendingAsync(services, cancellationToken);
            foreach (var name in pending)
            {
                AnsiConsole.WriteLine(name);
            }
            AnsiConsole.MarkupLine($"{pending.Count} pending migration(s) on {Markup.Escape(store.Display)}");
            return 0;
        }
        var applied = await StoreMigrations.ApplyAsync(services, cancellationToken);
        foreach (var name in applied)
        {
            AnsiConsole.MarkupLine($"[green]applied[/] {Markup.Escape(name)}");
        }
        AnsiConsole.MarkupLine($"{Markup.Escape(store.Kind.ToString())} database up to date ({applied.Count} applied): {Markup.Escape(store.Display)}");
        return 0;
    }
}
