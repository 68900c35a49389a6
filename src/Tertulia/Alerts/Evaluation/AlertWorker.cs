using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Tertulia.Storage;

namespace Tertulia.Alerts.Evaluation;

/// <summary>
/// Evaluates workspaces as soon as their mentions are committed: takes the due <see cref="AlertCheck"/> rows (woken by
/// the pipeline, else every tick), evaluates each workspace once for all of them, and deletes them. Every
/// <see cref="AlertsOptions.Sweep"/> it also looks at every workspace with rules: storms calm down and SLA breaches
/// pile up without new mentions. Never an hourly batch.
/// </summary>
public sealed class AlertWorker(
    IDbContextFactory<TertuliaDb> dbs,
    IServiceProvider services,
    IOptions<AlertsOptions> options,
    TimeProvider clock,
    ILogger<AlertWorker> log) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    public void Wake()
    {
        try
        {
            if (_wake.CurrentCount == 0)
            {
                _wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(ex, "Alert evaluation failed a round; it tries again");
            }
            try
            {
                await _wake.WaitAsync(options.Value.Tick, stoppingToken);
                // Woken inside the storing transaction: give it a moment to commit.
                await Task.Delay(TimeSpan.FromMilliseconds(20), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Evaluates every workspace with due checks (and all of them when a sweep is due); returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var checks = await db.AlertChecks.AsNoTracking().OrderBy(c => c.Id).Take(2000).ToListAsync(ct);
        var workspaces = checks.Select(c => c.WorkspaceId).Distinct().ToList();
        var now = clock.GetUtcNow();
        if (now - _lastSweep >= options.Value.Sweep)
        {
            _lastSweep = now;
            workspaces = workspaces.Union(await db.AlertRules.Where(r => r.Enabled).Select(r => r.WorkspaceId).Distinct().ToListAsync(ct)).ToList();
        }
        var evaluator = services.GetRequiredService<AlertEvaluator>();
        foreach (var workspaceId in workspaces)
        {
            // The evaluation deletes the checks it used in its own transaction: a node dying leaves them to another.
            await evaluator.EvaluateAsync(workspaceId, checks.Where(c => c.WorkspaceId == workspaceId).Select(c => c.Id).ToList(), ct);
        }
        return workspaces.Count;
    }
}
