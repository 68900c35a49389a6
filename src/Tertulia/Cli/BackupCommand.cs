using System.ComponentModel;
using Microsoft.Data.Sqlite;
using Npgsql;
using Spectre.Console;
using Spectre.Console.Cli;
using Tertulia.Storage;

namespace Tertulia.Cli;

/// <summary>`backup --to FILE`: a consistent copy of the SQLite store while Tertulia runs (SQLite's online backup API).</summary>
public sealed class BackupCommand : AsyncCommand<BackupCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--database <DATABASE>")]
        [Description("The store to back up. Default: TERTULIA_DATABASE, else tertulia.db in the current folder.")]
        public string? Database { get; init; }

        [CommandOption("--to <FILE>")]
        [Description("The backup file to write (replaced if it exists).")]
        public string To { get; init; } = "";

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(To) ? ValidationResult.Error("--to is required.") : ValidationResult.Success();
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var store = StoreConnection.Parse(StoreServices.Resolve(settings.Database));
        if (store.Kind == StoreKind.Postgres)
        {
            return Task.FromResult(PostgresGuidance.Print(store, backup: true));
        }
        File.Delete(settings.To);
        using var source = new SqliteConnection(store.ConnectionString);
        using var target = new SqliteConnection(StoreConnection.SqliteConnectionString(settings.To));
        source.Open();
        target.Open();
        WaitWhenBusy(source);
        WaitWhenBusy(target);
        // Page by page under SQLite's own locking: writers may go on meanwhile, the copy is one consistent moment.
        // A checkpoint of the running node can hold the lock a reader needs for a moment: that is waited out and tried
        // again, not reported as a failed backup.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                source.BackupDatabase(target);
                break;
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 && attempt < 10)
            {
                Thread.Sleep(200 * attempt);
            }
        }
        AnsiConsole.MarkupLine($"[green]Backed up[/] {Markup.Escape(source.DataSource)} → {Markup.Escape(settings.To)}");
        return Task.FromResult(0);
    }

    private static void WaitWhenBusy(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=15000;";
        command.ExecuteNonQuery();
    }
}

/// <summary>`restore --from FILE`: replaces the SQLite store's contents with a backup, then migrates it if the backup is older.</summary>
public sealed class RestoreCommand : AsyncCommand<RestoreCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--database <DATABASE>")]
        [Description("The store to restore into. Default: TERTULIA_DATABASE, else tertulia.db in the current folder.")]
        public string? Database { get; init; }

        [CommandOption("--from <FILE>")]
        [Description("A file written by `tertulia backup`.")]
        public string From { get; init; } = "";

        public override ValidationResult Validate() =>
            File.Exists(From) ? ValidationResult.Success() : ValidationResult.Error($"The backup '{From}' does not exist.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var database = StoreServices.Resolve(settings.Database);
        var store = StoreConnection.Parse(database);
        if (store.Kind == StoreKind.Postgres)
        {
            return PostgresGuidance.Print(store, backup: false);
        }
        // Stop Tertulia first: a running node would keep writing into what is being replaced.
        using (var source = new SqliteConnection(StoreConnection.SqliteConnectionString(settings.From)))
        using (var target = new SqliteConnection(store.ConnectionString))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }
        SqliteConnection.ClearAllPools();
        await using var services = StoreServices.Build(database);
        var applied = await StoreMigrations.ApplyAsync(services, cancellationToken);
        AnsiConsole.MarkupLine($"[green]Restored[/] {Markup.Escape(settings.From)} ({applied.Count} migration(s) applied)");
        return 0;
    }
}

/// <summary>PostgreSQL has its own, better tools for this: say which, with this database's parameters.</summary>
internal static class PostgresGuidance
{
    public static int Print(StoreConnection store, bool backup)
    {
        var c = new NpgsqlConnectionStringBuilder(store.ConnectionString);
        var target = $"-h {c.Host} -p {c.Port} -U {c.Username} -d {c.Database}";
        AnsiConsole.WriteLine(backup
            ? $"PostgreSQL: back up with pg_dump (consistent while the nodes run):\n  pg_dump -Fc {target} -f tertulia.dump"
            : $"PostgreSQL: stop the nodes, restore with pg_restore, then bring the schema up to date:\n  pg_restore --clean --if-exists {target} tertulia.dump\n  tertulia migrate --database ...");
        return 2;
    }
}
