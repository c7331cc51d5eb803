namespace Roster.Authorization.Tests.Differential;

/// <summary>
/// Random policies over the vocabulary of the Photos sample schema, for the validation differential test: each
/// operand is usually of the type its operator wants and sometimes of another, optional attributes and tags are
/// read with and without a guard, and scopes name actions that apply and that do not, so that roughly half the
/// policies are valid and the others fail for varied reasons. Every subexpression is parenthesised, so every
/// generated policy parses.
/// </summary>
public sealed class ValidationPolicyGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly Dictionary<string, string[]> _operands = new(StringComparer.Ordinal)
    {
        ["Long"] = ["principal.jobLevel", "resource.size", "1", "-3", "(principal.jobLevel + 1)", "(resource.size * 2)"],
        ["String"] = ["principal.department", "\"x\"", "principal.address.city", "principal.address.zip", "resource.getTag(\"t\")"],
        ["Bool"] = ["resource.private", "context.authenticated", "true", "(principal has manager)", "(principal.address has zip)", "resource.hasTag(\"t\")"],
        ["User"] = ["principal", "principal.manager", "resource.owner", "User::\"u\""],
        ["Set"] = ["principal.roles", "resource.labels", "[\"a\", \"b\"]", "[]"],
        ["ipaddr"] = ["context.ip", "ip(\"10.0.0.1\")"],
        ["decimal"] = ["context.score", "resource.rating", "decimal(\"1.5\")"],
    };

    private static readonly string[] _types = [.. _operands.Keys];

    private static readonly string[] _scopes =
    [
        "principal, action == Action::\"viewPhoto\", resource",
        "principal is User, action, resource is Photo",
        "principal, action in Action::\"read\", resource",
        "principal, action == Action::\"listAlbums\", resource",
    ];

    private static readonly string[] _ancestors = ["UserGroup::\"g\"", "Album::\"a\"", "principal", "[UserGroup::\"g\"]"];

    /// <summary>A policy set of <paramref name="count"/> policies, one per line (ids policy0, policy1, … in order).</summary>
    public string PolicySet(int count) =>
        string.Join('\n', Enumerable.Range(0, count).Select(_ => $"permit({Pick(_scopes)}) when {{ {Condition(0)} }};"));

    private string Condition(int depth) => $"({Relation(depth)})";

    private string Relation(int depth)
    {
        if (depth > 2 || _random.NextDouble() < 0.2) return Operand("Bool");
        var a = Pick(_types);
        var b = _random.NextDouble() < 0.7 ? a : Pick(_types);
        return _random.Next(12) switch
        {
            0 => $"{Condition(depth + 1)} && {Condition(depth + 1)}",
            1 => $"{Condition(depth + 1)} || {Condition(depth + 1)}",
            2 => $"{Operand(a)} == {Operand(b)}",
            3 => $"{Operand(Mostly("Long", b))} < {Operand(Mostly("Long", a))}",
            4 => $"{Operand("Set")}.contains({Operand(Mostly("String", a))})",
            5 => $"{Operand(Mostly("User", a))} in {Pick(_ancestors)}",
            6 => $"{Operand(Mostly("ipaddr", a))}.isInRange(ip(\"10.0.0.0/8\"))",
            7 => $"{Operand(Mostly("decimal", a))}.lessThan(decimal(\"2.0\"))",
            8 => $"!{Condition(depth + 1)}",
            9 => $"(if {Condition(depth + 1)} then {Operand(a)} else {Operand(b)}) == {Operand(a)}",
            10 => $"{Operand(Mostly("String", a))} like \"a*\"",
            _ => $"{Operand(Mostly("User", a))} is {Pick(["User", "Photo", "Album"])}",
        };
    }

    private string Mostly(string type, string other) => _random.NextDouble() < 0.8 ? type : other;

    private string Operand(string type) => Pick(_operands[type]);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
