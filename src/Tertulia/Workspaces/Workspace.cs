namespace Tertulia.Workspaces;

/// <summary>A brand or client whose conversations Tertulia listens to. Everything else belongs to one.</summary>
public sealed class Workspace
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>URL-friendly name, unique across the installation.</summary>
    public required string Slug { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
