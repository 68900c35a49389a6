using Tertulia.Demo;
using Tertulia.Understanding;

namespace Tertulia.Bench;

/// <summary>
/// How well the intent rules agree with people: on the hand-labeled airline tweets and seed comments
/// (tests/Tertulia.Tests/testdata/intent, texts from ../shared) and on the demo's comments, labeled by their author.
/// </summary>
public static class IntentEvaluation
{
    public static int Run()
    {
        var root = RepoRoot();
        var data = SentimentCorpus.Locate(root);
        var understander = Understander.LoadShipped();
        var samples = new List<(string Name, IReadOnlyList<LabeledIntent> Texts)>();
        if (data is not null)
        {
            var labels = Path.Combine(root, "tests", "Tertulia.Tests", "testdata", "intent");
            samples.Add(("airline tweets (120, hand-labeled)", IntentSample.Airline(Path.Combine(labels, "airline-val-sample.tsv"), new SentimentCorpus(data))));
            samples.Add(("seed blog comments (37, hand-labeled)", IntentSample.Seeds(Path.Combine(labels, "seed-comments.tsv"), Path.Combine(Path.GetDirectoryName(data)!, "seeds"))));
        }
        else
        {
            Console.Error.WriteLine("intent: ../shared not found; only the demo sample is measured.");
        }
        samples.Add(("demo comments (author's labels)", DemoComments()));
        var all = new List<LabeledIntent>();
        foreach (var (name, texts) in samples)
        {
            all.AddRange(texts);
            Console.WriteLine($"{name}: {Score(understander, texts)}");
        }
        Console.WriteLine($"all: {Score(understander, all)}");
        if (Environment.GetEnvironmentVariable("SHOW_ERRORS") == "1")
        {
            foreach (var t in all)
            {
                var got = understander.Understand(t.Text).Intent;
                if (got != t.Label)
                {
                    Console.WriteLine($"  {t.Label} → {got}: {t.Text[..Math.Min(140, t.Text.Length)]}");
                }
            }
        }
        return 0;
    }

    private static IntentScore Score(Understander understander, IReadOnlyList<LabeledIntent> texts) =>
        IntentScore.Of(texts.Select(t => t.Label).ToList(), texts.Select(t => understander.Understand(t.Text).Intent).ToList());

    /// <summary>The demo's comments carry the kind their author wrote them as; a crisis comment is a complaint.</summary>
    private static List<LabeledIntent> DemoComments() =>
        DemoContent.Load().Blogs.SelectMany(b => b.Posts).SelectMany(p => p.Comments)
            .Select(c => new LabeledIntent("demo", System.Text.RegularExpressions.Regex.Replace(c.Html, "<[^>]+>", " ").Trim(), c.Kind switch
            {
                "crisis" or "complaint" => Intent.Complaint,
                "question" => Intent.Question,
                "suggestion" => Intent.Suggestion,
                "praise" => Intent.Praise,
                _ => Intent.Other,
            })).ToList();

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tertulia.slnx")))
            {
                return dir.FullName;
            }
        }
        return Environment.CurrentDirectory;
    }
}
