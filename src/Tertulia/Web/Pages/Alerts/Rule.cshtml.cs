using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tertulia.Access;
using Tertulia.Alerts.Rules;
using Tertulia.Storage;

namespace Tertulia.Web.Pages.Alerts;

/// <summary>One alert rule, new or existing: the form, and beside it the live preview of when it would have fired in the last 30 days.</summary>
[WorkspacePage(WorkspaceRole.Viewer, WorkspaceRole.Admin)]
public sealed class RuleModel(IDbContextFactory<TertuliaDb> dbs, SaveAlertRule save) : PageModel
{
    public Tertulia.Workspaces.Workspace Workspace { get; private set; } = null!;
    public int? RuleId { get; private set; }
    public SaveAlertRule.Request Form { get; private set; } = null!;
    public Dictionary<int, string> Queries { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public bool CanAdmin => HttpContext.WorkspaceRole() >= WorkspaceRole.Admin;

    public async Task<IActionResult> OnGetAsync(int workspaceId, int? ruleId, string? kind, CancellationToken ct)
    {
        if (!await LoadAsync(workspaceId, ct))
        {
            return NotFound();
        }
        if (ruleId is { } id)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var rule = await db.AlertRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.WorkspaceId == workspaceId, ct);
            if (rule is null)
            {
                return NotFound();
            }
            RuleId = id;
            Form = new(rule.Name, rule.Kind.ToString(), rule.QueryId, rule.Enabled, rule.MinCount, rule.Sensitivity, rule.RiskTerms);
        }
        else
        {
            var asked = Enum.TryParse<AlertKind>(kind, true, out var k) && Enum.IsDefined(k) ? k : AlertKind.Volume;
            Form = new("", asked.ToString(), null, true, asked == AlertKind.RiskMention ? 1 : 3, 2,
                asked == AlertKind.RiskMention ? DefaultRules.RiskVocabulary.Trim() : null);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int workspaceId, int? ruleId, string? name, string? kind, int? queryId, bool enabled,
        int? minCount, int? sensitivity, string? riskTerms, CancellationToken ct)
    {
        if (!CanAdmin)
        {
            return Forbid();
        }
        var request = new SaveAlertRule.Request(name, kind, queryId, enabled, minCount, sensitivity, riskTerms);
        var outcome = await save.HandleAsync(workspaceId, ruleId, request, ct);
        if (outcome.NotFound)
        {
            return NotFound();
        }
        if (outcome.Rule is not null)
        {
            return Redirect($"/w/{workspaceId}/alerts");
        }
        await LoadAsync(workspaceId, ct);
        (RuleId, Form, Errors) = (ruleId, request, outcome.Errors ?? []);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int workspaceId, int ruleId, CancellationToken ct)
    {
        if (!CanAdmin)
        {
            return Forbid();
        }
        return await save.DeleteAsync(workspaceId, ruleId, ct) ? Redirect($"/w/{workspaceId}/alerts") : NotFound();
    }

    private async Task<bool> LoadAsync(int workspaceId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workspaceId, ct);
        if (workspace is null)
        {
            return false;
        }
        Workspace = workspace;
        Queries = await db.ListeningQueries.AsNoTracking().Where(q => q.WorkspaceId == workspaceId).OrderBy(q => q.Name)
            .ToDictionaryAsync(q => q.Id, q => q.Name, ct);
        return true;
    }
}
