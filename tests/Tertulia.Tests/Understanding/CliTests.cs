using Xunit;
using Tertulia.Cli;

namespace Tertulia.Tests.Understanding;

[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>The verbs run in-process, as `tertulia classify` and `tertulia eval` would.</summary>
[Collection("Console")]
public sealed class CliTests
{
    [Fact]
    public async Task Classify_writes_label_language_and_intent_per_line()
    {
        var input = WriteTemp("Me encanta, buenísimo 😍\n¿Abrís el domingo?\nThis does not work, terrible\n\n");
        var (code, output) = await RunAsync("classify", input);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Equal("positive\tes\tpraise", lines[0].TrimEnd('\r'));
        Assert.Equal("es\tquestion", string.Join('\t', lines[1].TrimEnd('\r').Split('\t')[1..]));
        Assert.Equal("negative\ten\tcomplaint", lines[2].TrimEnd('\r'));
        Assert.Equal("neutral\tund\tother", lines[3].TrimEnd('\r'));
    }

    [Fact]
    public async Task Eval_prints_accuracy_and_macro_f1()
    {
        var texts = WriteTemp("Me encanta\nOdio esto, fatal\nEl tren sale a las ocho");
        var labels = WriteTemp("2\n0\n1");
        var (code, output) = await RunAsync("eval", texts, labels);
        Assert.Equal(0, code);
        Assert.Contains("accuracy\t", output);
        Assert.Contains("macro-F1\t", output);
        Assert.Contains("texts\t3", output);
    }

    [Fact]
    public async Task Eval_with_mismatched_files_explains_instead_of_crashing()
    {
        var texts = WriteTemp("uno\ndos");
        var labels = WriteTemp("2\n7");
        var (code, _) = await RunAsync("eval", texts, labels);
        Assert.Equal(2, code);
    }

    [SharedDataFact]
    public async Task Eval_on_the_intertass_validation_split_reports_the_model_figures()
    {
        var dir = Path.Combine(SharedData.Require(), "sentiment-es", "intertass2017-xlmt");
        var (code, output) = await RunAsync("eval", Path.Combine(dir, "val_text.txt"), Path.Combine(dir, "val_labels.txt"));
        Assert.Equal(0, code);
        Assert.Contains("texts\t324", output);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var original = Console.Out;
        var error = Console.Error;
        var writer = new StringWriter();
        Console.SetOut(writer);
        Console.SetError(writer);
        try
        {
            var code = await TertuliaCli.Create().RunAsync(args);
            return (code, writer.ToString());
        }
        finally
        {
            Console.SetOut(original);
            Console.SetError(error);
        }
    }

    private static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tertulia-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, content);
        return path;
    }
}
