using System.ComponentModel;
using Spectre.Console.Cli;

namespace Tertulia.Understanding;

/// <summary>`train`: retrains the sentiment model (../shared/data) and then the intent model (the labelled customer messages) with a fixed seed, and prints their figures.</summary>
public sealed class TrainCommand : AsyncCommand<TrainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--data <DIR>")]
        [Description("The shared data folder (holds sentiment-es/ and sentiment-en/). Default: shared/data found above the current folder.")]
        public string? Data { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Where to write the model. Default: src/Tertulia/Understanding/Models/sentiment.zip under the current folder.")]
        public string? Out { get; init; }

        [CommandOption("--intent-data <FILE>")]
        [Description("The labelled customer messages. Default: tests/Tertulia.Tests/testdata/intent/customer-messages.tsv under the current folder.")]
        public string? IntentData { get; init; }

        [CommandOption("--intent-out <FILE>")]
        [Description("Where to write the intent model. Default: src/Tertulia/Understanding/Models/intent.zip under the current folder.")]
        public string? IntentOut { get; init; }

        [CommandOption("--intent-only")]
        [Description("Retrain only the intent model, reading sentiment with the shipped sentiment model.")]
        public bool IntentOnly { get; init; }

        [CommandOption("--no-cv")]
        [Description("Skip the cross-validated figures (five more trainings) and only write the models.")]
        public bool NoCrossValidation { get; init; }

        [CommandOption("--seed <SEED>")]
        [Description("Random seed (default 42): the same seed and data give the same model and figures.")]
        public int Seed { get; init; } = SentimentTrainer.DefaultSeed;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.IntentOnly)
        {
            return await TrainIntentAsync(settings, SentimentModel.LoadShipped(), cancellationToken);
        }
        var data = settings.Data ?? SentimentCorpus.Locate();
        var corpus = data is null ? null : new SentimentCorpus(data);
        if (corpus is not { Exists: true })
        {
            await Console.Error.WriteLineAsync($"train: no labeled data at {data ?? "shared/data above this folder"}; pass --data.");
            return 2;
        }
        var trainer = new SentimentTrainer(corpus);
        var options = SentimentTrainer.Shipped with { Seed = settings.Seed };
        var result = trainer.Train(options);
        var output = settings.Out ?? Path.Combine("src", "Tertulia", "Understanding", "Models", "sentiment.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllBytesAsync(output, result.Model, cancellationToken);
        await Console.Out.WriteLineAsync($"sentiment: trained on {result.TrainCount} texts (train + val), seed {settings.Seed}; model {result.Model.Length / 1024} KiB → {output}");
        if (!settings.NoCrossValidation)
        {
            // The model saw the validation splits: its honest figures are those of the same options cross-validated.
            await Console.Out.WriteLineAsync($"{SentimentTrainer.DefaultFolds}-fold cross-validation over train + val (macro-F1 mean ± sd):");
            foreach (var fold in trainer.CrossValidate(options))
            {
                await Console.Out.WriteLineAsync($"{fold.Corpus}\t{fold}");
            }
        }

        // Intent reads the sentiment, so it is trained after it, with the model just written.
        return await TrainIntentAsync(settings, SentimentModel.Load(new MemoryStream(result.Model)), cancellationToken);
    }

    private static async Task<int> TrainIntentAsync(Settings settings, SentimentModel sentiment, CancellationToken cancellationToken)
    {
        var intentData = settings.IntentData ?? Path.Combine("tests", "Tertulia.Tests", "testdata", "intent", "customer-messages.tsv");
        if (!File.Exists(intentData))
        {
            await Console.Error.WriteLineAsync($"train: no labelled customer messages at {intentData}; pass --intent-data.");
            return 2;
        }
        var training = IntentSample.Messages(intentData).Where(m => !m.HeldOut).ToList();
        var intent = new IntentTrainer(sentiment).Train(training, IntentTrainer.Shipped with { Seed = settings.Seed });
        var intentOutput = settings.IntentOut ?? Path.Combine("src", "Tertulia", "Understanding", "Models", "intent.zip");
        await File.WriteAllBytesAsync(intentOutput, intent, cancellationToken);
        await Console.Out.WriteLineAsync($"intent: trained on the {training.Count} training messages of {intentData}; model {intent.Length / 1024} KiB → {intentOutput}");
        return 0;
    }
}
