namespace Tertulia.Assessment;

/// <summary>The keys of the questions the recommendation reads (the same keys as in readiness.json).</summary>
public static class Dimensions
{
    public const string Audience = "audience";
    public const string Competition = "competition";
    public const string Service = "service";
    public const string Protocol = "protocol";
    public const string Resources = "resources";
    public const string Support = "support";
    public const string Goals = "goals";
    public const string Channels = "channels";

    /// <summary>Why to be there: customers and competitors are.</summary>
    public static readonly string[] Reasons = [Audience, Competition];

    /// <summary>Whether the business can keep it up.</summary>
    public static readonly string[] Readiness = [Service, Protocol, Resources, Support];
}
