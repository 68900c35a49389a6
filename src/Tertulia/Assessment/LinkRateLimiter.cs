using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Tertulia.Assessment;

public sealed class AssessmentOptions
{
    /// <summary>Requests to the anonymous link pages per client address and minute.</summary>
    public int LinkRequestsPerMinute { get; set; } = 30;
    /// <summary>Answers sent through links per client address and hour.</summary>
    public int LinkAnswersPerHour { get; set; } = 10;
}

/// <summary>
/// Keeps the anonymous link pages from being hammered: a fixed window per client address for every request, and a
/// tighter one for sent answers (each one reads the workspace's evidence and writes a row).
/// </summary>
public sealed class LinkRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly PartitionedRateLimiter<string> _answers;

    public LinkRateLimiter(IOptions<AssessmentOptions> options)
    {
        var o = options.Value;
        _requests = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.LinkRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        _answers = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = o.LinkAnswersPerHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    public bool AllowRequest(HttpContext http) => Acquire(_requests, http);

    public bool AllowAnswer(HttpContext http) => Acquire(_answers, http);

    private static bool Acquire(PartitionedRateLimiter<string> limiter, HttpContext http)
    {
        using var lease = limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _requests.Dispose();
        _answers.Dispose();
    }
}
