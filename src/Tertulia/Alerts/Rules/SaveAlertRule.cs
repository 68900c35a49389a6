using Microsoft.EntityFrameworkCore;
using Tertulia.Storage;

namespace Tertulia.Alerts.Rules;

/// <summary>Creates or changes a workspace's alert rule, with a reason for each field that is wrong.</summary>
public sealed class SaveAlertRule(IDbContextFactory<TertuliaDb> dbs, WriteGate writeGate, TimeProvider clock)
{
    public sealed record Request(string? Name, string? Kind, int? QueryId, bool? Enabled, int? MinCount, int? Sensitivity, string? RiskTerms);

    public sealed record Outcome(AlertRule? Rule, bool NotFound, Dictionary<string, string[]>? Errors);

    /// <summary>A rule as asked, or the errors (field → code) that keep it from being saved.</summary>
    public static (AlertRule? Rule, Dictionary<string, string[]> Errors) Validate(int workspaceId, Request request)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0 || name.Length > AlertRule.MaxNameLength)
        {
            errors["name"] = [name.Length == 0 ? "required" : "too-long"];
        }
        if (!Enum.TryParse<AlertKind>(request.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            errors["kind"] = ["unknown"];
        }
        var minCount = request.MinCount ?? (kind == AlertKind.RiskMention ? 1 : 3);
        if (minCount is < 1 or > 10_000)
        {
            errors["minCount"] = ["out-of-range"];
        }
        var sensitivity = request.Sensitivity ?? 2;
        if (sensitivity is < 1 or > 3)
        {
            errors["sensitivity"] = ["out-of-range"];
        }
        var terms = string.Join('\n', (request.RiskTerms ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (kind == AlertKind.RiskMention && terms.Length == 0)
        {
            errors["riskTerms"] = ["required"];
        }
        if (terms.Length > AlertRule.MaxRiskTermsLength)
        {
            errors["riskTerms"] = ["too-long"];
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new AlertRule
        {
            WorkspaceId = workspaceId, Name = name, Kind = kind, QueryId = request.QueryId, Enabled = request.Enabled ?? true,
            MinCount = minCount, Sensitivity = sensitivity, RiskTerms = kind == AlertKind.RiskMention ? terms : null,
        }, errors);
    }

    public async Task<Outcome> HandleAsync(int workspaceId, int? ruleId, Request request, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (!await db.Workspaces.AnyAsync(w => w.Id == workspaceId, ct))
        {
            return new(null, true, null);
        }
        var (asked, errors) = Validate(workspaceId, request);
        if (request.QueryId is { } q && !await db.ListeningQueries.AnyAsync(x => x.Id == q && x.WorkspaceId == workspaceId, ct))
        {
            errors["queryId"] = ["unknown"];
        }
        if (asked is null || errors.Count > 0)
        {
            return new(null, false, errors);
        }
        var now = clock.GetUtcNow();
        using (await writeGate.EnterAsync(ct))
        {
            var rule = ruleId is { } id
                ? await db.AlertRules.SingleOrDefaultAsync(r => r.Id == id && r.WorkspaceId == workspaceId, ct)
                : new AlertRule { WorkspaceId = workspaceId, Name = asked.Name, CreatedAt = now };
            if (rule is null)
            {
                return new(null, true, null);
            }
            (rule.Name, rule.Kind, rule.QueryId, rule.Enabled, rule.MinCount, rule.Sensitivity, rule.RiskTerms, rule.UpdatedAt) =
                (asked.Name, asked.Kind, asked.QueryId, asked.Enabled, asked.MinCount, asked.Sensitivity, asked.RiskTerms, now);
            if (rule.Id == 0)
            {
                db.AlertRules.Add(rule);
            }
            await db.SaveChangesAsync(ct);
            return new(rule, false, null);
        }
    }

    public async Task<bool> DeleteAsync(int workspaceId, int ruleId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        using (await writeGate.EnterAsync(ct))
        {
            return await db.AlertRules.Where(r => r.Id == ruleId && r.WorkspaceId == workspaceId).ExecuteDeleteAsync(ct) > 0;
        }
    }
}
