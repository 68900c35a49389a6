namespace Tertulia.Publishing;

/// <summary>Tertulia:Publishing — the worker's rhythm and retries, and the default caps of a workspace.</summary>
public sealed class PublishingOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>How often the worker looks for due posts (it is also woken when one is scheduled for now).</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// How long a worker holds a delivery it is posting. A worker that dies leaves it to be retried after this, and the
    /// retry first asks the channel whether the part went out (so it should outlast a channel's delay).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>The wait after the first failed attempt; each next wait is four times longer (1 min, 4, 16, 64).</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>After this many failed attempts the delivery fails and the team is told.</summary>
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryWait(int failedAttempts) => FirstRetry * Math.Pow(4, Math.Clamp(failedAttempts - 1, 0, 10));
}
