using Tertulia.Storage;
using Tertulia.Workspaces;

namespace Tertulia.Alerts.Rules;

/// <summary>A new workspace starts with <see cref="DefaultRules"/>: a newcomer is alerted without setting anything up.</summary>
public sealed class DefaultRulesSetup(TimeProvider clock) : IWorkspaceSetup
{
    public async Task OnCreatedAsync(TertuliaDb db, Workspace workspace, CancellationToken ct)
    {
        db.AlertRules.AddRange(DefaultRules.For(workspace.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }
}
