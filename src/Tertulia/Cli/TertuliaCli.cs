using Spectre.Console.Cli;
using Tertulia.Access;
using Tertulia.Understanding;

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
            config.AddCommand<BackupCommand>("backup")
                .WithDescription("Write a consistent copy of the SQLite store while Tertulia runs (PostgreSQL: prints the pg_dump command).")
                .WithExample("backup", "--to", "tertulia-2026-11-25.db");
            config.AddCommand<RestoreCommand>("restore")
                .WithDescription("Replace the SQLite store with a backup, then migrate it (PostgreSQL: prints the pg_restore steps).")
                .WithExample("restore", "--from", "tertulia-2026-11-25.db");
            config.AddCommand<MigrateStoreCommand>("migrate-store")
                .WithDescription("Copy every workspace into a new, empty store (e.g. from the SQLite file to PostgreSQL).")
                .WithExample("migrate-store", "--to", "postgres://tertulia:secret@db:5432/tertulia");
            config.AddBranch("token", token =>
            {
                token.SetDescription("Personal API tokens (sent as Authorization: Bearer ...).");
                token.AddCommand<CreateTokenCommand>("create")
                    .WithDescription("Print a new personal API token for a user; Tertulia keeps only its hash.")
                    .WithExample("token", "create", "--email", "ana@horno.example", "--name", "informes");
            });
            config.AddBranch("keys", keys =>
            {
                keys.SetDescription("The keys that encrypt channel credentials at rest.");
                keys.AddCommand<Tertulia.Channels.CreateKeyCertificateCommand>("certificate")
                    .WithDescription("Write a certificate that encrypts the key ring itself; keep it apart from the data and its backups.")
                    .WithExample("keys", "certificate", "--out", "/etc/tertulia/keys.pfx");
            });
            config.AddCommand<ClassifyCommand>("classify")
                .WithDescription("Sentiment, language and intent of each line of a file (or standard input), one tab-separated line each.")
                .WithExample("classify", "comments.txt");
            config.AddCommand<EvalCommand>("eval")
                .WithDescription("Accuracy and macro-F1 of the shipped sentiment model on a text file and its 0/1/2 label file.")
                .WithExample("eval", "val_text.txt", "val_labels.txt");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Retrain the sentiment model from the shared labeled data (fixed seed) and print its figures.")
                .WithExample("train", "--data", "../shared/data");
            config.AddCommand<ImportCommand>("import")
                .WithDescription("Import an export (X/Twitter tweets.js, Facebook/Instagram comments, Google reviews, CSV) into a workspace.")
                .WithExample("import", "--workspace", "1", "--format", "twitter", "tweets.js")
                .WithExample("import", "--workspace", "1", "--format", "csv", "--map", "Comentario=text,Cliente=author,Fecha=date", "opiniones.csv");
        });
        return app;
    }
}
