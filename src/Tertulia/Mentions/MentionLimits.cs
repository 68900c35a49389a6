namespace Tertulia.Mentions;

/// <summary>Upper bounds on what a channel may put into a mention: everything from outside is untrusted.</summary>
public static class MentionLimits
{
    public const int ExternalId = 512;
    public const int Url = 2048;
    public const int Author = 200;
    public const int Title = 500;
    public const int Text = 20_000;
    public const int Html = 100_000;
}
