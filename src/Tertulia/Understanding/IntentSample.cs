namespace Tertulia.Understanding;

/// <summary>A text and the intent a person gave it.</summary>
public readonly record struct LabeledIntent(string Source, string Text, Intent Label);

/// <summary>A labelled customer message; the held-out ones are read once, to report, never to choose.</summary>
public sealed record CustomerMessage(string Id, bool HeldOut, string Language, string Text, Intent Label);

/// <summary>
/// Hand-labeled intent samples of real texts, for measuring the intent rules: the label files hold only references
/// (tweet ids, seed file and line); the texts are read from ../shared at evaluation time and never shipped.
/// </summary>
public static class IntentSample
{
    /// <summary>Airline tweets by tweet_id (file: "tweet_id TAB intent").</summary>
    public static IReadOnlyList<LabeledIntent> Airline(string labelFile, SentimentCorpus corpus)
    {
        var texts = corpus.AirlineTexts();
        return Rows(labelFile).Select(r => new LabeledIntent(r[0], texts[r[0]], Parse(r[1]))).ToList();
    }

    /// <summary>Seed blog comments by file and 1-based line (file: "file TAB line TAB intent").</summary>
    public static IReadOnlyList<LabeledIntent> Seeds(string labelFile, string seedsDirectory) =>
        Rows(labelFile).Select(r =>
        {
            var lines = File.ReadAllLines(Path.Combine(seedsDirectory, r[0]));
            return new LabeledIntent($"{r[0]}:{r[1]}", lines[int.Parse(r[1]) - 1], Parse(r[2]));
        }).ToList();

    /// <summary>
    /// The labelled customer messages (tests/Tertulia.Tests/testdata/intent/customer-messages.tsv, written by the
    /// team): "id TAB split TAB language TAB intent TAB text", split "train" or "heldout".
    /// </summary>
    public static IReadOnlyList<CustomerMessage> Messages(string file) =>
        Rows(file).Select((r, i) => r is [var id, var split, var language, var intent, var text]
            ? new CustomerMessage(id, split switch
            {
                "heldout" => true,
                "train" => false,
                _ => throw new InvalidDataException($"{file}: message {id} has split '{split}' (train or heldout)."),
            }, language, text, Parse(intent))
            : throw new InvalidDataException($"{file}: row {i + 1} has {r.Length} columns; expected 5.")).ToList();

    public static Intent Parse(string label) =>
        Enum.TryParse<Intent>(label.Trim(), ignoreCase: true, out var intent) && Enum.IsDefined(intent)
            ? intent
            : throw new InvalidDataException($"'{label}' is no intent.");

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));
}

/// <summary>Accuracy and macro-F1 of intents, over the classes that occur in the sample or the predictions.</summary>
public sealed record IntentScore(int Count, double Accuracy, double MacroF1, IReadOnlyDictionary<Intent, (int Support, double F1)> PerClass)
{
    /// <summary>Precision and recall of each class present (what a community manager feels: missed or false alarms).</summary>
    public IReadOnlyDictionary<Intent, (double Precision, double Recall)> PrecisionRecall { get; private init; } =
        new Dictionary<Intent, (double, double)>();

    public static IntentScore Of(IReadOnlyList<Intent> expected, IReadOnlyList<Intent> predicted)
    {
        var perClass = new Dictionary<Intent, (int, double)>();
        var precisionRecall = new Dictionary<Intent, (double, double)>();
        foreach (var label in Enum.GetValues<Intent>())
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < expected.Count; i++)
            {
                tp += expected[i] == label && predicted[i] == label ? 1 : 0;
                fp += expected[i] != label && predicted[i] == label ? 1 : 0;
                fn += expected[i] == label && predicted[i] != label ? 1 : 0;
            }
            if (tp + fp + fn > 0)
            {
                perClass[label] = (tp + fn, tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn));
                precisionRecall[label] = (tp + fp == 0 ? 0 : (double)tp / (tp + fp), tp + fn == 0 ? 0 : (double)tp / (tp + fn));
            }
        }
        var correct = expected.Where((e, i) => e == predicted[i]).Count();
        return new IntentScore(expected.Count, expected.Count == 0 ? 0 : (double)correct / expected.Count,
            perClass.Count == 0 ? 0 : perClass.Values.Average(v => v.Item2), perClass) { PrecisionRecall = precisionRecall };
    }

    public override string ToString() =>
        $"accuracy {Accuracy:F3}  macro-F1 {MacroF1:F3}  (n={Count}; "
        + string.Join(", ", PerClass.Select(kv => $"{kv.Key.ToString().ToLowerInvariant()} F1 {kv.Value.F1:F2} n={kv.Value.Support}")) + ")";
}
