using System.ComponentModel;
using Spectre.Console.Cli;

namespace Tertulia.Understanding;

/// <summary>`classify [FILE]`: one text per line in, "label TAB language TAB intent" per line out.</summary>
public sealed class ClassifyCommand : AsyncCommand<ClassifyCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[FILE]")]
        [Description("A UTF-8 text file with one text per line. Without it (or with -), standard input is read.")]
        public string? File { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.File is { } path && path != "-" && !System.IO.File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"classify: {path} does not exist.");
            return 2;
        }
        var understander = Understander.LoadShipped();
        using var input = settings.File is null or "-" ? Console.In : new StreamReader(settings.File);
        var output = Console.Out;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            var understood = understander.Understand(line);
            await output.WriteLineAsync(Format(understood));
        }
        await output.FlushAsync(cancellationToken);
        return 0;
    }

    public static string Format(Understood understood) =>
        $"{SentimentTrainer.Name(understood.Sentiment.Label)}\t{understood.Language}\t{understood.Intent.ToString().ToLowerInvariant()}";
}
