namespace Roster.Authorization.Cedar.Parsing;

/// <summary>Cedar's rules for identifiers and names, shared by the parser and the printer.</summary>
internal static class CedarNames
{
    /// <summary>The identifiers Cedar reserves: never a variable, attribute, type or function name.</summary>
    public static readonly IReadOnlySet<string> Reserved =
        new HashSet<string>(["true", "false", "if", "then", "else", "in", "is", "like", "has"], StringComparer.Ordinal);

    /// <summary>Reserved as a name component by Cedar (RFC 52), but allowed as an annotation key.</summary>
    public const string ReservedNamespace = "__cedar";

    public static bool IsIdentifierStart(char c) => c is '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    public static bool IsIdentifierPart(char c) => IsIdentifierStart(c) || c is >= '0' and <= '9';

    /// <summary>True when the text lexes as one identifier token.</summary>
    public static bool IsIdentifier(string text)
    {
        if (text.Length == 0 || !IsIdentifierStart(text[0])) return false;
        foreach (var c in text)
            if (!IsIdentifierPart(c)) return false;
        return true;
    }

    /// <summary>True when the text may be written bare as an attribute name (<c>e.name</c>, <c>e has name</c>, <c>{name: 1}</c>).</summary>
    public static bool IsBareAttribute(string text) => IsIdentifier(text) && !Reserved.Contains(text) && text != ReservedNamespace;

    /// <summary>Action entities have the type <c>Action</c>, optionally in a namespace.</summary>
    public static bool IsActionType(string type) => type == "Action" || type.EndsWith("::Action", StringComparison.Ordinal);

    /// <summary>The methods every Cedar value has, with their argument counts; other methods belong to extensions.</summary>
    public static readonly IReadOnlyDictionary<string, int> BuiltInMethods = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["contains"] = 1, ["containsAll"] = 1, ["containsAny"] = 1, ["isEmpty"] = 0, ["getTag"] = 1, ["hasTag"] = 1,
    };

    // Note: Cedar knows every function and method name when it parses; a call to any other name is a parse
    // error, not an evaluation error. Argument counts of extension methods are checked only when evaluating.

    /// <summary>The extension functions (constructors) Cedar knows.</summary>
    public static readonly IReadOnlySet<string> ExtensionFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "ip", "decimal", "datetime", "duration",
    };

    /// <summary>The extension methods Cedar knows (ipaddr, decimal, datetime and duration).</summary>
    public static readonly IReadOnlySet<string> ExtensionMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange",
        "lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
        "offset", "durationSince", "toDate", "toTime", "toDays", "toHours", "toMinutes", "toSeconds", "toMilliseconds",
    };

    /// <summary>True when <c>e.name(…)</c> is a method Cedar knows.</summary>
    public static bool IsMethod(string name) => BuiltInMethods.ContainsKey(name) || ExtensionMethods.Contains(name);
}
