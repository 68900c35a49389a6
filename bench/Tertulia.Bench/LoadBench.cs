using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tertulia.Access;
using Tertulia.Ideas;
using Tertulia.Web;

namespace Tertulia.Bench;

/// <summary>
/// HTTP load on a real `serve` (a separate process: the built src/Tertulia, Release) over the inbox store of N mentions:
/// wrk with bench/load/mix.lua (signed-in page views, search and inbox API calls by weight) at several connection
/// counts, then each kind of request alone; requests/s, p50/p90/p99, answers that are not 200; the highest rate held at
/// p99 &lt; 200 ms; and the serve process's peak working set (VmHWM) against 1 GiB.
/// </summary>
public static partial class LoadBench
{
    private const string Email = "load@bench.local";
    private const string Password = "bench-load-password";
    private const string UserId = "load-1";
    private const double P99Goal = 200;
    private const long MemoryGoal = 1L << 30;
    private const string QuietMarker = "/tmp/bench-quiet-load";
    private const string OtherTiming = "/tmp/bench-quiet";
    /// <summary>Each kind alone: at a concurrency the mix holds, so its own latency shows rather than the queue's.</summary>
    private const int KindConnections = 4;

    public static async Task<int> RunAsync(int mentionCount, string path, int seconds, int[] connections)
    {
        var root = RepoRoot();
        var serveDll = Path.Combine(root, "src", "Tertulia", "bin", "Release", "net10.0", "Tertulia.dll");
        var script = Path.Combine(root, "bench", "load", "mix.lua");
        Console.WriteLine($"load: {mentionCount:N0} mentions ({mentionCount / InboxStore.PerThread:N0} conversations) in {path}; wrk {seconds} s per run at {string.Join(", ", connections)} connections, then each kind alone");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {MemTotal()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; load average at start {LoadAverage()}");
        if (!File.Exists(serveDll))
        {
            Console.Error.WriteLine($"{serveDll} is missing: build first (dotnet build Tertulia.slnx -c Release)");
            return 2;
        }
        await InboxStore.EnsureAsync(path, mentionCount);
        var token = await SettleAsync(path);

        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var log = Path.Combine(Path.GetDirectoryName(path)!, "load-serve.log");
        var serveCommand = $"dotnet {Relative(root, serveDll)} serve --urls {baseUrl} --database {path}";
        Console.WriteLine($"serve: {serveCommand}   (cwd {root}; Logging__LogLevel__Default=Warning; output in {log})");
        using var serve = StartServe(root, serveDll, baseUrl, path, log);
        using var sampler = new MemorySampler(serve.Id);
        void KillServe(object? sender, ConsoleCancelEventArgs e)
        {
            if (!serve.HasExited)
            {
                serve.Kill();
            }
        }
        Console.CancelKeyPress += KillServe;
        try
        {
            var started = Stopwatch.StartNew();
            await WaitHealthyAsync(serve, baseUrl, log);
            Console.WriteLine($"serve pid {serve.Id} healthy after {started.Elapsed.TotalSeconds:N1} s; {sampler.Now()}");
            var cookie = await SignInAsync(baseUrl);
            var queries = Path.Combine(Path.GetDirectoryName(path)!, "load-queries.txt");
            await File.WriteAllLinesAsync(queries, SearchBench.Queries);
            var env = new Dictionary<string, string>
            {
                ["LOAD_TOKEN"] = token,
                ["LOAD_COOKIE"] = cookie,
                ["LOAD_QUERIES"] = queries,
                ["LOAD_CONVERSATIONS"] = (mentionCount / InboxStore.PerThread).ToString(CultureInfo.InvariantCulture),
            };
            if (!await CheckAnswersAsync(baseUrl, token, cookie))
            {
                return 1;
            }
            Console.WriteLine($"wrk: {Run("wrk", "--version", null).Split('\n')[0].Trim()}; environment: LOAD_TOKEN=<token> LOAD_COOKIE=<cookie> LOAD_QUERIES={queries} LOAD_CONVERSATIONS={env["LOAD_CONVERSATIONS"]} [LOAD_KIND=<kind>]");

            await WaitForQuietAsync();
            // Warm-up (JIT, SQLite's page cache, the backfills' start-up scans): not reported.
            var warm = Wrk(root, script, baseUrl, env, "mix", 4, 15);
            Console.WriteLine($"warm-up (not reported): {warm.Rate:N0} req/s, p99 {warm.P99:N0} ms, non-200 {warm.Non200}; {sampler.Now()}");

            await WaitForQuietAsync();
            File.WriteAllText(QuietMarker, $"LoadBench pid {Environment.ProcessId}\n");
            var mixes = new List<WrkResult>();
            var kinds = new List<WrkResult>();
            try
            {
                Console.WriteLine();
                Console.WriteLine($"{"run",-22} {"conns",5} {"req/s",8} {"p50",9} {"p90",9} {"p99",9} {"max",9} {"errors",8}  load average before  command");
                foreach (var c in connections)
                {
                    var result = Wrk(root, script, baseUrl, env, "mix", c, seconds);
                    mixes.Add(result);
                    Print(result);
                }
                foreach (var kind in new[] { "search-api", "inbox-unassigned", "inbox-open", "inbox-assignee", "conversation-api", "workspace-page", "inbox-page", "conversation-page", "search-page" })
                {
                    var result = Wrk(root, script, baseUrl, env, kind, KindConnections, Math.Max(10, seconds / 2));
                    kinds.Add(result);
                    Print(result);
                }
            }
            finally
            {
                File.Delete(QuietMarker);
            }

            Console.WriteLine();
            foreach (var result in mixes.Concat(kinds).Where(r => r.Sent != "-" && r.Kind == "mix"))
            {
                Console.WriteLine($"  mix at {result.Connections} connections sent: {result.Sent}; non-200 codes: {result.Codes}; socket errors and timeouts: {result.SocketErrors}");
            }
            var held = mixes.Where(r => r.P99 < P99Goal && r.Non200 == 0 && r.SocketErrors == 0).MaxBy(r => r.Rate);
            Console.WriteLine(held is null
                ? $"mix: p99 < {P99Goal} ms was not held at any of {string.Join(", ", connections)} connections"
                : $"mix: highest rate held at p99 < {P99Goal} ms: {held.Rate:N0} req/s ({held.Connections} connections, p99 {held.P99:N0} ms, all 200)");
            var slow = kinds.Where(r => r.P99 >= P99Goal).Select(r => $"{r.Kind} (p99 {r.P99:N0} ms)").ToList();
            Console.WriteLine(slow.Count == 0 ? $"every kind alone at {KindConnections} connections: p99 < {P99Goal} ms"
                : $"kinds alone at {KindConnections} connections with p99 ≥ {P99Goal} ms: {string.Join(", ", slow)}");
            var (hwm, rss) = sampler.Read();
            Console.WriteLine($"serve memory: peak working set (VmHWM) {Mib(hwm)} — {(hwm < MemoryGoal ? "under" : "OVER")} 1 GiB; " +
                $"highest VmRSS sampled during the runs {Mib(sampler.MaxRss)}, VmRSS now {Mib(rss)}");
            Console.WriteLine($"load average at the end {LoadAverage()}");
            var failed = mixes.Concat(kinds).Sum(r => r.Non200 + r.SocketErrors);
            return failed > 0 ? 1 : 0;
        }
        finally
        {
            Console.CancelKeyPress -= KillServe;
            await StopServeAsync(serve);
        }
    }

    /// <summary>
    /// Once per run, in this process: the product's start-up backfills (contacts, understanding, rollups, conversations,
    /// ideas) run to the end, so the measured serve starts on a settled store; then the load user (an agent of the
    /// workspace, with a password to sign in with) and its API token.
    /// </summary>
    private static async Task<string> SettleAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        await using var app = TertuliaApp.Build(new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            Database = path,
            Migrate = true,
            // The ideas backfill runs again every few minutes: here it is run once, below, rather than as a loop.
            Settings = { ["Tertulia:Polling:Enabled"] = "false", ["Tertulia:Ideas:BackfillEnabled"] = "false", ["Logging:LogLevel:Default"] = "Warning" },
        });
        Console.WriteLine("settling the store: the product's start-up backfills run to the end (quick once nothing is left)...");
        await Storage.StorageRegistration.MigrateAsync(app.Services);
        await app.StartAsync();
        var backfills = app.Services.GetServices<IHostedService>().OfType<BackgroundService>()
            .Where(s => s.GetType().Name.EndsWith("Backfill") && s is not SuggestionBackfill).ToList();
        await Task.WhenAll(backfills.Select(b => b.ExecuteTask ?? Task.CompletedTask));
        var suggestions = await app.Services.GetRequiredService<SuggestionBackfill>().RunAsync(CancellationToken.None);
        Console.WriteLine($"store settled in {watch.Elapsed.TotalSeconds:N0} s ({string.Join(", ", backfills.Select(b => b.GetType().Name))} ran to the end; SuggestionBackfill placed {suggestions:N0})");

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByIdAsync(UserId) is null)
            {
                var created = await users.CreateAsync(new IdentityUser { Id = UserId, UserName = Email, Email = Email, EmailConfirmed = true }, Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                }
            }
        }
        var members = app.Services.GetRequiredService<WorkspaceMembers>();
        if (await members.RoleOfAsync(UserId, 1, CancellationToken.None) is null)
        {
            await members.AddAsync(1, UserId, WorkspaceRole.Agent, CancellationToken.None);
        }
        var token = (await app.Services.GetRequiredService<PersonalTokens>().CreateAsync(UserId, $"load {DateTime.UtcNow:yyyy-MM-dd HH:mm}", CancellationToken.None)).Token;
        await app.StopAsync();
        return token;
    }

    private static Process StartServe(string root, string dll, string url, string database, string log)
    {
        // exec: the shell becomes dotnet, so the pid is serve's own (its memory, its signal).
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            ArgumentList = { "-c", "exec dotnet \"$0\" serve --urls \"$1\" --database \"$2\" > \"$3\" 2>&1", dll, url, database, log },
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start)!;
    }

    private static async Task WaitHealthyAsync(Process serve, string baseUrl, string log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (serve.HasExited)
            {
                throw new InvalidOperationException($"serve exited with {serve.ExitCode}:\n{File.ReadAllText(log)}");
            }
            try
            {
                using var response = await http.GetAsync($"{baseUrl}/healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"serve did not answer /healthz in 3 minutes:\n{File.ReadAllText(log)}");
    }

    private static async Task StopServeAsync(Process serve)
    {
        if (serve.HasExited)
        {
            Console.WriteLine($"serve had exited with {serve.ExitCode}");
            return;
        }
        // SIGTERM: the host's graceful shutdown, as a service manager stops it.
        Run("kill", $"-TERM {serve.Id}", null);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await serve.WaitForExitAsync(wait.Token);
            Console.WriteLine($"serve stopped (SIGTERM), exit code {serve.ExitCode}");
        }
        catch (OperationCanceledException)
        {
            serve.Kill();
            Console.WriteLine("serve did not stop within 30 s of SIGTERM: killed");
        }
    }

    /// <summary>Signs in through the real form (antiforgery token and all), as a browser does; returns the Cookie header.</summary>
    private static async Task<string> SignInAsync(string baseUrl)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(baseUrl) };
        var form = await browser.GetStringAsync("/signin");
        var antiforgery = AntiforgeryInput().Match(form);
        if (!antiforgery.Success)
        {
            throw new InvalidOperationException("no antiforgery token in the sign-in form");
        }
        using var response = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery.Groups[1].Value),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || !cookies.GetCookies(new Uri(baseUrl)).Any(c => c.Name == "tertulia.auth"))
        {
            throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode} without the session cookie");
        }
        return cookies.GetCookieHeader(new Uri(baseUrl));
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();

    /// <summary>One request of each kind the script sends, with its credentials: each must be a 200 with a body.</summary>
    private static async Task<bool> CheckAnswersAsync(string baseUrl, string token, string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(1) };
        var checks = new (string Path, bool Api)[]
        {
            ("/api/workspaces/1/mentions?q=" + Uri.EscapeDataString(SearchBench.Queries[1]), true),
            ("/api/workspaces/1/inbox/conversations?view=unassigned", true),
            ("/api/workspaces/1/inbox/conversations?status=open", true),
            ("/api/workspaces/1/inbox/conversations?assignee=agent-3", true),
            ("/api/workspaces/1/inbox/conversations/1", true),
            ("/w/1", false),
            ("/w/1/inbox", false),
            ("/w/1/inbox/1", false),
            ("/w/1?q=" + Uri.EscapeDataString(SearchBench.Queries[0]), false),
        };
        var ok = true;
        var line = new List<string>();
        foreach (var (path, api) in checks)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            if (api)
            {
                request.Headers.Authorization = new("Bearer", token);
            }
            else
            {
                request.Headers.Add("Cookie", cookie);
            }
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            line.Add($"{path} {(int)response.StatusCode} {body.Length / 1024.0:N0} KiB {watch.Elapsed.TotalMilliseconds:N0} ms");
            ok &= response.StatusCode == HttpStatusCode.OK && body.Length > 0;
        }
        Console.WriteLine("first answers (cold):");
        foreach (var l in line)
        {
            Console.WriteLine($"  {l}");
        }
        if (!ok)
        {
            Console.Error.WriteLine("not every kind answers 200: no load test of errors or redirects");
        }
        return ok;
    }

    private sealed record WrkResult(string Kind, int Connections, double Rate, double P50, double P90, double P99, double Max,
        long Non200, long SocketErrors, string Codes, string Sent, string Load, string Command);

    private static WrkResult Wrk(string root, string script, string baseUrl, Dictionary<string, string> env, string kind, int connections, int seconds)
    {
        var threads = Math.Min(2, connections);
        // wrk leaves a request slower than its timeout (2 s by default) out of the latencies: 10 s keeps slow pages in the p99.
        var args = $"-t{threads} -c{connections} -d{seconds}s --timeout 10s --latency -s {Relative(root, script)} {baseUrl}";
        var command = (kind == "mix" ? "" : $"LOAD_KIND={kind} ") + "wrk " + args;
        var load = LoadAverage();
        var output = Run("wrk", args, root, new Dictionary<string, string>(env) { ["LOAD_KIND"] = kind });
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("LOADMIX ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no LOADMIX line:\n{output}");
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        double Ms(string key) => long.Parse(f[key], CultureInfo.InvariantCulture) / 1000.0;
        var requests = long.Parse(f["requests"], CultureInfo.InvariantCulture);
        var socket = new[] { "connect", "read", "write", "timeout" }.Sum(k => long.Parse(f[k], CultureInfo.InvariantCulture));
        return new WrkResult(kind, connections, requests / (Ms("duration_us") / 1000.0), Ms("p50_us"), Ms("p90_us"), Ms("p99_us"), Ms("max_us"),
            long.Parse(f["non200"], CultureInfo.InvariantCulture), socket, f["codes"], f["sent"], load.Split(' ')[0], command);
    }

    private static void Print(WrkResult r) =>
        Console.WriteLine($"{r.Kind,-22} {r.Connections,5} {r.Rate,8:N0} {r.P50,7:N1}ms {r.P90,7:N1}ms {r.P99,7:N1}ms {r.Max,7:N0}ms {r.Non200 + r.SocketErrors,8:N0}  {r.Load,-19}  {r.Command}");

    private static string Run(string file, string args, string? cwd, Dictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (cwd is not null)
        {
            start.WorkingDirectory = cwd;
        }
        foreach (var (k, v) in env ?? [])
        {
            start.Environment[k] = v;
        }
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return stdout + stderr.Result;
    }

    private static async Task WaitForQuietAsync()
    {
        var said = false;
        while (File.Exists(OtherTiming))
        {
            if (!said)
            {
                Console.WriteLine($"{OtherTiming} exists: someone else is timing; waiting...");
                said = true;
            }
            await Task.Delay(5_000);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepoRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tertulia.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Tertulia.slnx not found above the current folder");
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";

    private static string MemTotal() =>
        File.Exists("/proc/meminfo") && File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:")) is { } line
            ? $"{long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0:N0} GiB"
            : "? GiB";

    private static string Mib(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";

    /// <summary>The serve process's resident memory from /proc, sampled every 200 ms; VmHWM is the kernel's own peak.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly int _pid;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        public long MaxRss { get; private set; }

        public MemorySampler(int pid)
        {
            _pid = pid;
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    var (_, rss) = Read();
                    MaxRss = Math.Max(MaxRss, rss);
                    try
                    {
                        await Task.Delay(200, _stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            });
        }

        public (long Hwm, long Rss) Read()
        {
            try
            {
                long hwm = 0, rss = 0;
                foreach (var line in File.ReadLines($"/proc/{_pid}/status"))
                {
                    if (line.StartsWith("VmHWM:"))
                    {
                        hwm = Kib(line);
                    }
                    else if (line.StartsWith("VmRSS:"))
                    {
                        rss = Kib(line);
                    }
                }
                return (hwm, rss);
            }
            catch (IOException)
            {
                return (0, 0);
            }
        }

        public string Now()
        {
            var (hwm, rss) = Read();
            return $"VmRSS {Mib(rss)}, VmHWM {Mib(hwm)}";
        }

        private static long Kib(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

        public void Dispose()
        {
            _stop.Cancel();
            _loop.Wait();
            _stop.Dispose();
        }
    }
}
