using Tertulia.Tests.Support;

namespace Tertulia.Tests.Alerts;

/// <summary>One running Tertulia for the alert tests: a sweep every second and a short back-off ladder for webhooks.</summary>
public sealed class AlertsFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Tertulia:Alerts:Sweep"] = "00:00:01",
        ["Tertulia:Alerts:Backoff:0"] = "00:00:00.300",
        ["Tertulia:Alerts:Backoff:1"] = "00:00:00.600",
        ["Tertulia:Alerts:Backoff:2"] = "00:00:01",
    };

    public async Task InitializeAsync() => App = await TestApp.StartAsync(settings: Settings);

    public async Task DisposeAsync() => await App.DisposeAsync();
}
