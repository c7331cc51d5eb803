namespace Roster.Common;

/// <summary>The generic success body of v1_1 deletes.</summary>
public sealed record MessageResponse(string Message)
{
    public static MessageResponse Ok { get; } = new("ok");
}
