using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tertulia.Channels;
using Tertulia.Storage;

namespace Tertulia.Cli;

/// <summary>`migrate-store --to postgres://...`: copies every workspace from this store into a new, empty one.</summary>
public sealed class MigrateStoreCommand : AsyncCommand<MigrateStoreCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--from <DATABASE>")]
        [Description("The store to copy. Default: TERTULIA_DATABASE, else tertulia.db in the current folder.")]
        public string? From { get; init; }

        [CommandOption("--to <DATABASE>")]
        [Description("The new store (postgres://user:pass@host:port/db, an Npgsql connection string, or a SQLite file). Must be empty.")]
        public string To { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(To) ? ValidationResult.Error("--to is required.") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        // Stop the nodes first: what is stored during the copy would not be copied.
        await using var from = StoreServices.Build(StoreServices.Resolve(settings.From),
            (services, configuration) => services.AddSingleton(new KeyRingFolder(ChannelsRegistration.KeysFolder(configuration))));
        await using var to = StoreServices.Build(settings.To);
        await StoreMigrations.EnsureCurrentAsync(from, cancellationToken);
        await StoreMigrations.ApplyAsync(to, cancellationToken);
        try
        {
            var copied = await new StoreCopy(from, to).RunAsync(
                new Progress<StoreCopy.TableCopied>(t => AnsiConsole.MarkupLine($"{Markup.Escape(t.Table)}: {t.Rows:N0}")), cancellationToken);
            AnsiConsole.MarkupLine($"[green]Copied[/] {copied.Sum(t => t.Rows):N0} rows into {Markup.Escape(to.GetRequiredService<StoreConnection>().Display)}");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(ex.Message)}[/]");
            return 1;
        }
    }
}
