using Xunit;

namespace Tertulia.Tests.Understanding;

/// <summary>The verbs run in the real executable, as a person would run `tertulia classify` and `tertulia eval`.</summary>
public sealed class UnderstandingCliTests
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
        var dir = Path.Combine(LabeledData.Require(), "sentiment-es", "intertass2017-xlmt");
        var (code, output) = await RunAsync("eval", Path.Combine(dir, "val_text.txt"), Path.Combine(dir, "val_labels.txt"));
        Assert.Equal(0, code);
        Assert.Contains("texts\t324", output);
    }

    private static Task<(int Code, string Output)> RunAsync(params string[] args) =>
        Tertulia.Tests.Web.CliTests.RunTertuliaAsync(args);

    private static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"tertulia-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, content);
        return path;
    }
}
