using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Tertulia.Channels.Network;

public static class ChannelHttp
{
    public const string ClientName = "channels";

    /// <summary>For long-lived streams (server-sent events): the same address policy, no request timeout nor retries.</summary>
    public const string StreamingClientName = "channels-streaming";

    /// <summary>
    /// The HttpClient every channel uses: connections only to allowed addresses, bounded time,
    /// decompression, and the standard resilience pipeline (retries with jitter, circuit breaker).
    /// </summary>
    public static IServiceCollection AddChannelHttp(this IServiceCollection services)
    {
        services.AddOptions<NetworkOptions>().BindConfiguration("Tertulia:Network");
        services.AddSingleton<AddressPolicy>();
        services.AddSingleton<FetchLimits>();
        services.AddTransient<FetchLimitHandler>();
        services.AddHttpClient(ClientName, (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<NetworkOptions>>().Value;
                client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
                client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
                client.MaxResponseContentBufferSize = options.MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => SafeHandler(sp.GetRequiredService<AddressPolicy>(), followRedirects: false))
            // Outermost: one deadline over the retries and the body (the resilience timeouts end at the headers).
            .AddHttpMessageHandler<FetchLimitHandler>()
            .AddStandardResilienceHandler()
            .Configure((o, sp) =>
            {
                var network = sp.GetRequiredService<IOptions<NetworkOptions>>().Value;
                var total = network.FetchTimeout > TimeSpan.Zero ? network.FetchTimeout : TimeSpan.FromSeconds(60);
                var attempt = network.RequestTimeout < total / 3 ? network.RequestTimeout : total / 3;
                o.AttemptTimeout.Timeout = attempt > TimeSpan.FromMilliseconds(10) ? attempt : TimeSpan.FromMilliseconds(10);
                // A little beyond the fetch limit: FetchLimitHandler is the one that cuts, with its clear message.
                o.TotalRequestTimeout.Timeout = total + TimeSpan.FromSeconds(1);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(60, 2 * o.AttemptTimeout.Timeout.TotalSeconds));
                o.Retry.MaxRetryAttempts = 2;
                // A blocked address is a configuration answer, not a transient failure.
                // A 429 is not retried here: the scheduler honours its Retry-After (hours, sometimes), which
                // a retry inside one poll could neither wait for nor respect.
                o.Retry.ShouldRetryAfterHeader = false;
                o.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is not ChannelException && !(args.Outcome.Exception?.InnerException is ChannelException)
                    && args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
                    && HttpClientResiliencePredicates.IsTransient(args.Outcome));
            })
            // One failing blog must not open the circuit for every other host.
            .SelectPipelineByAuthority();
        services.AddHttpClient(StreamingClientName, (sp, client) =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd(sp.GetRequiredService<IOptions<NetworkOptions>>().Value.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp => SafeHandler(sp.GetRequiredService<AddressPolicy>()));
        return services;
    }

    /// <summary>Connects only to addresses the policy allows, checked on every connection after DNS.</summary>
    /// <param name="followRedirects">False where <see cref="FetchLimitHandler"/> follows them, checking every hop.</param>
    internal static SocketsHttpHandler SafeHandler(AddressPolicy policy, bool followRedirects = true) => new()
    {
        AutomaticDecompression = DecompressionMethods.All,
        AllowAutoRedirect = followRedirects,
        MaxAutomaticRedirections = 5,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await policy.ResolveAllowedAsync(context.DnsEndPoint.Host, ct);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
