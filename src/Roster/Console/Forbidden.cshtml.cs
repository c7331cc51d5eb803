namespace Roster.ConsolePages;

/// <summary>Where a page the user's roles do not allow sends them (<see cref="ConsolePage.RequiredFeature"/>).</summary>
public sealed class ForbiddenModel : ConsolePage
{
    public void OnGet()
    {
    }
}
