using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tertulia.Alerts.Notifications;
using Tertulia.Channels.Webhooks;
using Tertulia.Storage;
using Tertulia.Web;
using Tertulia.Workspaces;

namespace Tertulia.Bench;

/// <summary>
/// Issue 14, point 3, end to end over HTTP: a customer's risk mention is POSTed to a signed webhook channel of a running
/// Tertulia; the time until the alert's signed webhook reaches a local receiver is the latency (p50/p95/max over many
/// workspaces, while another workspace's stream of ordinary mentions keeps the pipeline busy). Then the ingest throughput
/// of the same webhook path with alerts on and with alerts off (Tertulia:Alerts:Enabled=false), in the same run,
/// interleaved so warm-up and the machine's load fall on both sides.
/// </summary>
public static class AlertsLatencyBench
{
    private static readonly string[] Ordinary =
    [
        "Hoy el pan de centeno estaba buenísimo, gracias", "¿A qué hora abrís el domingo?", "La napolitana de chocolate, como siempre, perfecta",
        "Ayer tardaron un poco en atender pero muy amables", "¿Tenéis tarta de queso por encargo?", "Me encanta el olor de la calle cuando hornean",
    ];

    public static async Task<int> RunAsync(int storms, int mentions)
    {
        var folder = Path.Combine(Path.GetTempPath(), "tertulia-bench", "alerts-latency-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        using var receiver = new AlertReceiver();
        Console.WriteLine($"alerts-latency: {storms} risk mentions, each in its own workspace, timed to the alert webhook; throughput over {mentions} mentions");

        List<double> latencies;
        await using (var app = await BenchServer.StartAsync(Path.Combine(folder, "latency.db"), alerts: true))
        {
            latencies = await LatencyAsync(app, receiver, storms);
        }
        latencies.Sort();
        Console.WriteLine($"  risk mention POSTed -> alert webhook received: p50 {Percentile(latencies, 0.50):0} ms, p95 {Percentile(latencies, 0.95):0} ms, max {latencies[^1]:0} ms (n={latencies.Count}; target p95 < 5000 ms)");

        var on = new List<double>();
        var off = new List<double>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var alerts in round == 0 ? new[] { false, true } : [true, false])
            {
                await using var app = await BenchServer.StartAsync(Path.Combine(folder, $"throughput-{round}-{alerts}.db"), alerts);
                var rate = await ThroughputAsync(app, mentions);
                (alerts ? on : off).Add(rate);
                Console.WriteLine($"  round {round + 1}, alerts {(alerts ? "on " : "off")}: {rate:0} mentions/s");
            }
        }
        var ratio = on.Average() / off.Average();
        Console.WriteLine($"  ingest with alerts on / off: {on.Average():0} / {off.Average():0} mentions/s = {ratio:P1} (target >= 95 %)");
        Directory.Delete(folder, recursive: true);
        return 0;
    }

    private static async Task<List<double>> LatencyAsync(BenchServer app, AlertReceiver receiver, int storms)
    {
        var workspaces = new List<(int Workspace, WebhookChannel Channel)>();
        for (var i = 0; i < storms; i++)
        {
            var workspace = await app.WorkspaceAsync($"Horno {i}");
            await app.AlertWebhookAsync(workspace, receiver.Url);
            workspaces.Add((workspace, await app.ChannelAsync(workspace)));
        }
        // Background: another workspace's customers keep talking, 20 mentions every 100 ms, while the storms are timed.
        var busy = await app.ChannelAsync(await app.WorkspaceAsync("Horno ruidoso"));
        using var stop = new CancellationTokenSource();
        var noise = Task.Run(async () =>
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                await app.PostAsync(busy, Enumerable.Range(0, 20).Select(_ => Ordinary[n++ % Ordinary.Length] + $" ({n})").ToList());
                await Task.Delay(100);
            }
        });
        var latencies = new List<double>();
        var k = 0;
        foreach (var (workspace, channel) in workspaces)
        {
            var arrived = receiver.For(workspace);
            // Timed from before the POST: storing the mention is part of the wait the team has.
            var stored = Stopwatch.GetTimestamp();
            await app.PostAsync(channel, [$"Mi hija tuvo una reacción de alergia con la tarta de ayer, llevaba nueces y no lo ponía ({k++})"]);
            var at = await arrived.WaitAsync(TimeSpan.FromSeconds(60));
            latencies.Add(Stopwatch.GetElapsedTime(stored, at).TotalMilliseconds);
        }
        await stop.CancelAsync();
        await noise;
        return latencies;
    }

    private static async Task<double> ThroughputAsync(BenchServer app, int mentions)
    {
        var channel = await app.ChannelAsync(await app.WorkspaceAsync("Horno rendimiento"));
        var random = new Random(11);
        var batches = Enumerable.Range(0, mentions / 50).Select(b => Enumerable.Range(0, 50)
            .Select(i => $"{Ordinary[random.Next(Ordinary.Length)]} #{b * 50 + i}").ToList()).ToList();
        await app.PostAsync(channel, batches[0]); // warm-up: first request, JIT, connection
        var watch = Stopwatch.StartNew();
        // Two senders, as two webhook sources would.
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < batches.Count)
            {
                await app.PostAsync(channel, batches[index]);
            }
        })));
        watch.Stop();
        return (batches.Count - 1) * 50 / watch.Elapsed.TotalSeconds;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed record WebhookChannel(int Id, string Secret);

    /// <summary>A running Tertulia on its own SQLite file, with its HTTP address.</summary>
    private sealed class BenchServer : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
        private readonly HttpClient _http;
        private int _events;

        private BenchServer(Microsoft.AspNetCore.Builder.WebApplication app)
        {
            _app = app;
            _http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(60) };
        }

        public static async Task<BenchServer> StartAsync(string path, bool alerts)
        {
            var app = TertuliaApp.Build(new ServeOptions
            {
                Urls = "http://127.0.0.1:0",
                Database = $"Data Source={path}",
                Settings = new Dictionary<string, string?>
                {
                    ["Tertulia:Polling:Enabled"] = "false",
                    ["Tertulia:Alerts:Enabled"] = alerts ? "true" : "false",
                    ["Logging:LogLevel:Default"] = "Error",
                    ["Tertulia:Network:AllowedPrivateAddresses:0"] = "127.0.0.1",
                },
            });
            await StorageRegistration.MigrateAsync(app.Services);
            await app.StartAsync();
            return new BenchServer(app);
        }

        public async Task<int> WorkspaceAsync(string name)
        {
            using var scope = _app.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<WorkspaceCatalog>().CreateAsync(name + " " + Guid.NewGuid().ToString("N")[..4], null, default)).Id;
        }

        public async Task<WebhookChannel> ChannelAsync(int workspace)
        {
            using var scope = _app.Services.CreateScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<AddWebhookChannel>().HandleAsync(workspace, new AddWebhookChannel.Request("Reseñas"), default);
            return new WebhookChannel(outcome.Channel!.Id, outcome.Secret!);
        }

        public async Task AlertWebhookAsync(int workspace, string url)
        {
            await using var db = await _app.Services.GetRequiredService<IDbContextFactory<TertuliaDb>>().CreateDbContextAsync();
            db.AlertWebhooks.Add(new AlertWebhook { WorkspaceId = workspace, Url = url, Secret = WebhookSignature.NewSecret(), CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        /// <summary>One signed event, as a review site or a form would send it; returns once Tertulia answered (stored).</summary>
        public async Task PostAsync(WebhookChannel channel, IReadOnlyList<string> texts)
        {
            var id = Interlocked.Increment(ref _events);
            var body = JsonSerializer.SerializeToUtf8Bytes(new
            {
                id = $"ev-{id}",
                mentions = texts.Select((t, i) => new { id = $"ev-{id}-{i}", text = t, author = $"Cliente {(id * 7 + i) % 300}" }),
            });
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{channel.Id}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json");
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(channel.Secret, body));
            using var response = await _http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The team's alert endpoint on 127.0.0.1: notes when each workspace's first alert arrives.</summary>
    private sealed class AlertReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> _waiting = new();

        public string Url { get; }

        public AlertReceiver()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            var port = ((IPEndPoint)socket.LocalEndpoint).Port;
            socket.Stop();
            Url = $"http://127.0.0.1:{port}/alerts/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public Task<long> For(int workspace) => _waiting.GetOrAdd(workspace, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception)
                {
                    return;
                }
                var at = Stopwatch.GetTimestamp();
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    var json = JsonDocument.Parse(await reader.ReadToEndAsync());
                    var workspace = json.RootElement.GetProperty("workspace").GetProperty("id").GetInt32();
                    _waiting.GetOrAdd(workspace, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(at);
                }
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public void Dispose() => _listener.Close();
    }
}
