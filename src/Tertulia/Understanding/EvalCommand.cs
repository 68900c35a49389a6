using System.ComponentModel;
using Spectre.Console.Cli;

namespace Tertulia.Understanding;

/// <summary>`eval TEXTFILE LABELFILE`: the shipped model's accuracy and macro-F1 on labeled texts (0/1/2 per line).</summary>
public sealed class EvalCommand : AsyncCommand<EvalCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<TEXTFILE>")]
        [Description("One text per line, as in intertass2017-xlmt/val_text.txt.")]
        public string TextFile { get; init; } = "";

        [CommandArgument(1, "<LABELFILE>")]
        [Description("The label of the same line: 0 negative, 1 neutral, 2 positive.")]
        public string LabelFile { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        foreach (var file in new[] { settings.TextFile, settings.LabelFile })
        {
            if (!File.Exists(file))
            {
                await Console.Error.WriteLineAsync($"eval: {file} does not exist.");
                return 2;
            }
        }
        IReadOnlyList<LabeledText> texts;
        try
        {
            texts = SentimentCorpus.ReadParallel(settings.TextFile, settings.LabelFile);
        }
        catch (InvalidDataException ex)
        {
            await Console.Error.WriteLineAsync($"eval: {ex.Message}");
            return 2;
        }
        var model = SentimentModel.LoadShipped();
        var score = SentimentTrainer.Score(model, texts);
        await Console.Out.WriteLineAsync($"texts\t{score.Count}");
        await Console.Out.WriteLineAsync($"accuracy\t{score.Accuracy:F4}");
        await Console.Out.WriteLineAsync($"macro-F1\t{score.MacroF1:F4}");
        await Console.Out.WriteLineAsync($"F1 negative/neutral/positive\t{string.Join(" / ", score.F1PerClass.Select(f => f.ToString("F4")))}");
        return 0;
    }
}
