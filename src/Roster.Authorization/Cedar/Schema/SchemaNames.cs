using System.Text.Json;

namespace Roster.Authorization.Cedar.Schema;

/// <summary>Cedar identifiers and names (<c>A::B::C</c>), and JSON paths for error messages.</summary>
internal static class SchemaNames
{
    private static readonly HashSet<string> _reserved =
        ["true", "false", "if", "then", "else", "in", "is", "like", "has", "__cedar"];

    public static bool IsIdentifier(string s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetter(s[0]) || s[0] == '_')) return false;
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        }
        return true;
    }

    /// <summary>An identifier that may name a type or namespace (not a keyword, not <c>__cedar</c>).</summary>
    public static bool IsUnreservedIdentifier(string s) => IsIdentifier(s) && !_reserved.Contains(s);

    /// <summary><c>A</c> or <c>A::B::C</c>, every part an identifier.</summary>
    public static bool IsName(string s) => s.Length > 0 && s.Split("::").All(IsIdentifier);

    public static bool IsQualified(string name) => name.Contains("::", StringComparison.Ordinal);

    public static string Qualify(string ns, string name) => ns.Length == 0 ? name : $"{ns}::{name}";

    /// <summary>The type of a namespace's actions: <c>Action</c> or <c>Ns::Action</c>.</summary>
    public static string ActionType(string ns) => Qualify(ns, "Action");

    /// <summary>True for <c>Action</c> and <c>Ns::Action</c>: the types Cedar reserves for actions.</summary>
    public static bool IsActionType(string type) => type == "Action" || type.EndsWith("::Action", StringComparison.Ordinal);

    public static string Child(string path, string key) =>
        IsIdentifier(key) ? $"{path}.{key}" : $"{path}[{JsonSerializer.Serialize(key)}]";

    public static string Index(string path, int index) => $"{path}[{index}]";
}
