namespace Tertulia.Web;

/// <summary>
/// The workspace's navigation (Pages/Shared/_WorkspaceNav.cshtml): its sections, the dashboard first, with
/// <paramref name="Current"/> (insights, mentions, inbox, alerts, publishing, contacts, ideas, readiness) marked as the page shown.
/// </summary>
public sealed record WorkspaceNav(int WorkspaceId, string Current);
