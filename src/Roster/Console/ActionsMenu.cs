namespace Roster.ConsolePages;

/// <summary>One item of an <see cref="ActionsMenu"/>: a link to the page that does it (a destructive one asks first).</summary>
public sealed record MenuItem(string Text, string Href, bool Destructive = false);

/// <summary>
/// A row's kebab menu (<c>Shared/_ActionsMenu.cshtml</c>): a button named <see cref="Label"/> ("Actions for jo@example.com")
/// that opens a menu of links. console.js gives it the keyboard (Enter, Space or the arrows open it, the arrows move, Escape
/// closes); without the script the menu opens while the button has focus. An empty menu renders nothing.
/// </summary>
public sealed record ActionsMenu(string Id, string Label, IReadOnlyList<MenuItem> Items);
