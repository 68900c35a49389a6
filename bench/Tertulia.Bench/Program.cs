using Tertulia.Bench;

// Timed harnesses: each prints its figures beside a baseline measured in the same run.
// dotnet run -c Release --project bench/Tertulia.Bench -- ingest [mentions] [both|pipeline]   (pipeline: only the pipeline, to profile it)
// dotnet run -c Release --project bench/Tertulia.Bench -- listening [mentions] [queries] [naive-mentions]
// dotnet run -c Release --project bench/Tertulia.Bench -- search [mentions] [repeats] [database-file]
// dotnet run -c Release --project bench/Tertulia.Bench -- understanding [seconds] | sentiment | sentiment-cv [folds] [names] | sentiment-experiments [names] | intent | intent-cv | languages [file]
// dotnet run -c Release --project bench/Tertulia.Bench -- ideas   (grouping suggestions into ideas: held-out pairwise F1 and ARI beside same words)
// dotnet run -c Release --project bench/Tertulia.Bench -- email [messages]   (with TERTULIA_TEST_IMAP_PORT: also over IMAP)
// dotnet run -c Release --project bench/Tertulia.Bench -- adapters [items]   (firehose frames, feed items, IMAP fetch → pipeline)
// dotnet run -c Release --project bench/Tertulia.Bench -- inbox [mentions] [database-file]   (mentions / 5 conversations)
// dotnet run -c Release --project bench/Tertulia.Bench -- alerts-detection [seeds]   (storm detector vs fixed thresholds on replayed streams)
// dotnet run -c Release --project bench/Tertulia.Bench -- alerts-latency [storms] [mentions]   (risk mention over a signed webhook → alert webhook; ingest with alerts on vs off)
// dotnet run -c Release --project bench/Tertulia.Bench -- publishing-score [--write]   (held-out value score vs keyword baseline)
// dotnet run -c Release --project bench/Tertulia.Bench -- feeds [seconds] [table-folder]   (feed parse items/s per format: bare SyndicationFeed/XmlReader/JSON vs Tertulia's reader)
// dotnet run -c Release --project bench/Tertulia.Bench -- insights [mentions] [database-file]   (dashboard API from rollups vs scanning the mentions)
// dotnet run -c Release --project bench/Tertulia.Bench -- stores [mentions] [repeats] [postgres-server-connection-string]
// dotnet run -c Release --project bench/Tertulia.Bench -- load [mentions] [seconds] [connections,...] [database-file]   (wrk against a separate `serve`; build the solution first)
var mode = args.FirstOrDefault() ?? "ingest";
if (File.Exists("/proc/loadavg"))
{
    // The machine may be shared: the load says how much of a core these figures really had.
    Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}");
}
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;

switch (mode)
{
    case "ingest":
        await IngestBenchmark.RunAsync(Arg(1, 200_000), args.Length > 2 ? args[2] : "both");
        break;
    case "listening":
        var mentions = Arg(1, 200_000);
        ListeningBench.Run(mentions, Arg(2, 100), Arg(3, Math.Min(mentions, 20_000)));
        break;
    case "search":
        var size = Arg(1, 1_000_000);
        await SearchBench.RunAsync(size, Arg(2, 5), args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "tertulia-bench", $"search-{size}.db"));
        break;
    case "understanding":
        UnderstandingBenchmark.Run(args.Length > 1 ? double.Parse(args[1]) : 5);
        break;
    case "languages":
        return LanguageEvaluation.Run(args.Length > 1 ? args[1] : null);
    case "intent":
        return IntentEvaluation.Run();
    case "publishing-score":
        return PublishingScoreEvaluation.Run(args.Skip(1).ToList());
    case "ideas":
        return IdeasEvaluation.Run();
    case "intent-cv":
        return IntentModelBench.Run();
    case "sentiment":
        return await SentimentComparison.RunAsync();
    case "sentiment-cv":
        return SentimentCrossValidationBench.Run(args.Skip(1).ToList());
    case "sentiment-experiments":
        return SentimentExperiments.Run(args.Skip(1).ToList());
    case "email":
        await EmailBenchmark.RunAsync(Arg(1, 20_000));
        break;
    case "adapters":
        await AdaptersBenchmark.RunAsync(Arg(1, 6_000));
        break;
    case "feeds":
        return FeedParseBench.Run(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10, args.Length > 2 ? args[2] : null);
    case "inbox":
        var inboxMentions = Arg(1, 1_000_000);
        await InboxBench.RunAsync(inboxMentions, args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "tertulia-bench", $"inbox-{inboxMentions}.db"));
        break;
    case "alerts-latency":
        return await AlertsLatencyBench.RunAsync(Arg(1, 40), Arg(2, 10_000));
    case "alerts-detection":
        AlertDetectionBench.Run(Arg(1, 20));
        break;
    case "insights":
        var insightMentions = Arg(1, 1_000_000);
        return await InsightsBench.RunAsync(insightMentions, args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "tertulia-bench", $"insights-{insightMentions}.db"));
    case "load":
        var loadMentions = Arg(1, 1_000_000);
        return await LoadBench.RunAsync(loadMentions, args.Length > 4 ? args[4] : Path.Combine(Path.GetTempPath(), "tertulia-bench", $"inbox-{loadMentions}.db"),
            Arg(2, 20), (args.Length > 3 ? args[3] : "1,4,16,64").Split(',').Select(int.Parse).ToArray());
    case "stores":
        await StoresBench.RunAsync(Arg(1, 1_000_000),
            args.Length > 3 ? args[3] : Environment.GetEnvironmentVariable("TERTULIA_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres",
            Arg(2, 5));
        break;
    default:
        Console.Error.WriteLine("usage: ingest [mentions] | listening [mentions] [queries] [naive-mentions] | search [mentions] [repeats] [database-file]"
            + " | understanding [seconds per step] | sentiment | intent | ideas | languages [lang-TAB-text file or -] | email [messages] | adapters [items] | feeds [seconds] [table-folder] | inbox [mentions] [database-file] | stores [mentions] [repeats] [postgres] | alerts-detection [seeds] | alerts-latency [storms] [mentions] | load [mentions] [seconds] [connections,...] [database-file]");
        return 2;
}
return 0;
