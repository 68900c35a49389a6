using System.ComponentModel;
using Spectre.Console.Cli;

namespace Tertulia.Understanding;

/// <summary>`train`: retrains the sentiment model from ../shared/data with a fixed seed and prints its figures.</summary>
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

        [CommandOption("--seed <SEED>")]
        [Description("Random seed (default 42): the same seed and data give the same model and figures.")]
        public int Seed { get; init; } = SentimentTrainer.DefaultSeed;
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var data = settings.Data ?? SentimentCorpus.Locate();
        var corpus = data is null ? null : new SentimentCorpus(data);
        if (corpus is not { Exists: true })
        {
            await Console.Error.WriteLineAsync($"train: no labeled data at {data ?? "shared/data above this folder"}; pass --data.");
            return 2;
        }
        var result = new SentimentTrainer(corpus).Train(new SentimentTrainer.Options { Seed = settings.Seed });
        var output = settings.Out ?? Path.Combine("src", "Tertulia", "Understanding", "Models", "sentiment.zip");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllBytesAsync(output, result.Model, cancellationToken);

        await Console.Out.WriteLineAsync($"trained on {result.TrainCount} texts, seed {settings.Seed}; model {result.Model.Length / 1024} KiB → {output}");
        await Console.Out.WriteLineAsync("split\tn\taccuracy\tmacro-F1\tmajority macro-F1");
        foreach (var e in result.Evaluations)
        {
            await Console.Out.WriteLineAsync($"{e.Name}\t{e.Model.Count}\t{e.Model.Accuracy:F4}\t{e.Model.MacroF1:F4}\t{e.Majority.MacroF1:F4}");
        }
        return 0;
    }
}
