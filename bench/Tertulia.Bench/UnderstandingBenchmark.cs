using System.Diagnostics;
using Tertulia.Demo;
using Tertulia.Understanding;

namespace Tertulia.Bench;

/// <summary>
/// How fast Tertulia understands text: model load time, then texts per second on one core for each step and the
/// whole (language + sentiment + intent + spam), beside the bare normaliser as the floor. Texts: the labeled tweets of
/// ../shared/data when present (InterTASS + SemEval validation), else the demo's comments.
/// </summary>
public static class UnderstandingBenchmark
{
    public static void Run(double seconds)
    {
        var load = Stopwatch.StartNew();
        var understander = Understander.LoadShipped();
        load.Stop();
        var texts = Texts();
        Console.WriteLine($"model load (language tables + sentiment model, cold): {load.ElapsedMilliseconds} ms");
        Console.WriteLine($"texts: {texts.Count} ({texts.Sum(t => t.Length) / texts.Count} chars on average), {seconds:F0} s per step, 1 thread");

        var languages = new LanguageDetector(LanguageModelTables.Load());
        var sentiment = SentimentModel.LoadShipped();
        var steps = new (string Name, Action<string> Step)[]
        {
            ("normalise only (floor)", t => SocialText.Normalise(t)),
            ("language", t => languages.Detect(t)),
            ("sentiment", t => sentiment.Read(t)),
            ("intent + spam", t => { IntentClassifier.Classify(t, default); SpamDetector.IsSpam(t); }),
            ("all (classify)", t => understander.Understand(t)),
        };
        foreach (var (name, step) in steps)
        {
            Console.WriteLine($"{name,-24} {PerSecond(texts, step, seconds),10:N0} texts/s per core");
        }
        var threads = Environment.ProcessorCount;
        var parallel = Parallel(texts, understander, threads, seconds);
        Console.WriteLine($"{"all, " + threads + " threads",-24} {parallel,10:N0} texts/s ({parallel / threads:N0} per core)");
    }

    private static double PerSecond(IReadOnlyList<string> texts, Action<string> step, double seconds)
    {
        foreach (var t in texts.Take(200))
        {
            step(t); // warm-up: JIT and pools
        }
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var t in texts)
            {
                step(t);
            }
            done += texts.Count;
        }
        return done / clock.Elapsed.TotalSeconds;
    }

    private static double Parallel(IReadOnlyList<string> texts, Understander understander, int threads, double seconds)
    {
        long done = 0;
        var clock = Stopwatch.StartNew();
        System.Threading.Tasks.Parallel.For(0, threads, _ =>
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                foreach (var t in texts)
                {
                    understander.Understand(t);
                }
                Interlocked.Add(ref done, texts.Count);
            }
        });
        return done / clock.Elapsed.TotalSeconds;
    }

    private static List<string> Texts()
    {
        var data = SentimentCorpus.Locate(AppContext.BaseDirectory) ?? SentimentCorpus.Locate();
        if (data is not null)
        {
            var corpus = new SentimentCorpus(data);
            return corpus.InterTass("val").Concat(corpus.SemEval("val")).Select(t => t.Text).ToList();
        }
        var demo = DemoContent.Load();
        return demo.Blogs.SelectMany(b => b.Posts).SelectMany(p => p.Comments).Select(c => c.Html).ToList();
    }
}
