namespace Roster.ConsolePages;

/// <summary>The console's home, where a person lands after signing in.</summary>
public sealed class HomeModel : ConsolePage
{
    public void OnGet()
    {
    }
}
