using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using Tertulia.Channels.Imports;
using Tertulia.Storage;
using Tertulia.Web;

namespace Tertulia.Cli;

/// <summary>`import`: brings an export from a closed network (or any CSV) into a workspace, through the pipeline.</summary>
public sealed class ImportCommand : AsyncCommand<ImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The export: tweets.js, comments.json, post_comments_1.json, reviews.json, Reviews.json or a .csv.")]
        public string File { get; init; } = "";

        [CommandOption("--workspace <ID>")]
        [Description("The workspace to import into.")]
        public int Workspace { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("twitter, facebook (also Instagram), google-maps or csv.")]
        public string Format { get; init; } = "";

        [CommandOption("--map <MAP>")]
        [Description("CSV only: Column=field pairs, comma separated. Fields: id, text, author, author_url, url, title, date, parent_id, language.")]
        public string? Map { get; init; }

        [CommandOption("--author <NAME>")]
        [Description("X/Twitter only: the archive owner's @handle, shown as the author of the tweets.")]
        public string? Author { get; init; }

        [CommandOption("--database <DATABASE>")]
        [Description("SQLite file or connection string. Default: tertulia.db in the current folder (or TERTULIA_DATABASE).")]
        public string? Database { get; init; }

        public override ValidationResult Validate()
        {
            if (!ImportFormats.TryParse(Format, out _))
            {
                return ValidationResult.Error("--format must be twitter, facebook, google-maps or csv.");
            }
            if (Workspace <= 0)
            {
                return ValidationResult.Error("--workspace is required.");
            }
            return System.IO.File.Exists(File) ? ValidationResult.Success() : ValidationResult.Error($"The file '{File}' does not exist.");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ImportFormats.TryParse(settings.Format, out var format);
        var database = settings.Database ?? Environment.GetEnvironmentVariable("TERTULIA_DATABASE")
            ?? $"Data Source={Path.Combine(Environment.CurrentDirectory, "tertulia.db")}";
        // The same composition as `serve`, without starting the web server nor the workers.
        await using var app = TertuliaApp.Build(new ServeOptions { Database = database, Settings = { ["Tertulia:Polling:Enabled"] = "false" } });
        await StorageRegistration.MigrateAsync(app.Services, cancellationToken);
        using var scope = app.Services.CreateScope();
        var import = scope.ServiceProvider.GetRequiredService<ImportFile>();

        ImportFile.Report report;
        try
        {
            var request = new ImportFile.Request(settings.Workspace, format, CsvMentions.ParseMap(settings.Map), settings.Author);
            await using var file = File.OpenRead(settings.File);
            report = await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask($"Importando {Markup.Escape(Path.GetFileName(settings.File))}", maxValue: 1);
                    var result = await import.HandleAsync(request, file, new Progress<ImportFile.Progress>(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    }), cancellationToken);
                    task.Value = task.MaxValue;
                    return result;
                });
        }
        catch (ImportException ex)
        {
            AnsiConsole.MarkupLine($"[red]No se pudo importar:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }

        AnsiConsole.MarkupLine($"[green]{report.Added}[/] nuevas, [grey]{report.Duplicates} ya estaban[/], " +
            $"[yellow]{report.Skipped.Count} filas omitidas[/] de {report.Read} leídas.");
        if (report.Skipped.Count > 0)
        {
            var table = new Table().AddColumn("Dónde").AddColumn("Motivo");
            foreach (var skipped in report.Skipped.Take(100))
            {
                table.AddRow(Markup.Escape(skipped.Where), Markup.Escape(skipped.Reason));
            }
            AnsiConsole.Write(table);
        }
        return 0;
    }
}
