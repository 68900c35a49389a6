namespace Tertulia.Alerts;

/// <summary>Tertulia:Alerts — how often the worker looks, and how long a storm stays one.</summary>
public sealed class AlertsOptions
{
    public bool Enabled { get; set; } = true;
    /// <summary>How often the worker looks for workspaces with newly stored mentions (it is also woken at once).</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromMilliseconds(500);
    /// <summary>How often every workspace is looked at without new mentions: storms calm down, SLA breaches pile up.</summary>
    public TimeSpan Sweep { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>An incident closes once its rule has been calm this long.</summary>
    public TimeSpan CalmToClose { get; set; } = TimeSpan.FromHours(3);
    /// <summary>A risk incident closes after this long without another risk mention.</summary>
    public TimeSpan RiskCalmToClose { get; set; } = TimeSpan.FromHours(24);
    /// <summary>A storm returning within this long after its incident closed reopens it instead of opening (and notifying) a new one.</summary>
    public TimeSpan Cooldown { get; set; } = TimeSpan.FromHours(2);
    /// <summary>Outgoing webhooks' back-off between attempts; after the last, the delivery fails.</summary>
    public TimeSpan[] Backoff { get; set; } =
    [
        TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
    ];
}
