namespace Tertulia.Understanding;

/// <summary>What the person wants from the business, as a community manager sorts a queue.</summary>
public enum Intent
{
    Other = 0,
    Complaint = 1,
    Question = 2,
    Suggestion = 3,
    Praise = 4,
}
