using Tertulia.Storage;

namespace Tertulia.Workspaces;

/// <summary>What a capability gives every new workspace (default alert rules...), in the transaction that creates it.</summary>
public interface IWorkspaceSetup
{
    Task OnCreatedAsync(TertuliaDb db, Workspace workspace, CancellationToken ct);
}
