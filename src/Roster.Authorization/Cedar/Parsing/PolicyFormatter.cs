using System.Text;

namespace Roster.Authorization.Cedar.Parsing;

/// <summary>
/// Cedar policy text in one canonical layout, built on <see cref="PolicyPrinter"/>: formatting its own
/// output changes nothing, and the result parses to the same policies as the input.
/// </summary>
/// <remarks>
/// <para>The layout: policies separated by one blank line; each annotation on its own line; the effect and
/// scope on one line when it fits in <see cref="LineWidth"/> columns, otherwise one scope element per line;
/// each <c>when</c>/<c>unless</c> on its own line, its expression broken into one operand per line at the
/// top-level <c>&amp;&amp;</c> or <c>||</c> when it does not fit.</para>
/// <para>Comments are kept, in order. A comment at the end of a line stays at the end of the line of the
/// annotation, scope or condition it followed; any other comment moves onto its own line before the
/// annotation, scope or condition it was in or before (comments inside an expression cannot keep their
/// place once the expression is reprinted).</para>
/// </remarks>
public static class PolicyFormatter
{
    /// <summary>The width lines are kept within where the layout allows it.</summary>
    public const int LineWidth = 80;

    private const string Indent = "  ";

    /// <summary>The text in canonical layout, ending with a line break (empty for text with neither policies nor comments). Throws <see cref="CedarParseException"/>.</summary>
    public static string Format(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var policies = PolicyParser.ParsePolicies(text);
        var units = policies.Select(p => Units(text, p)).ToList();
        var all = units.SelectMany(u => u).ToList();

        // Where each comment goes: after the unit whose line it ends, else before the unit it is in or precedes.
        var leading = new Dictionary<Unit, List<string>>();
        var trailing = new Dictionary<Unit, string>();
        var atEnd = new List<string>();
        foreach (var (offset, comment) in Comments(text))
        {
            var before = all.LastOrDefault(u => u.End <= offset);
            if (before is not null && !trailing.ContainsKey(before) && string.IsNullOrWhiteSpace(text[before.End..offset]) && !text[before.End..offset].Contains('\n'))
                trailing[before] = comment;
            else if (all.FirstOrDefault(u => u.End > offset) is { } next)
                (leading.TryGetValue(next, out var list) ? list : leading[next] = []).Add(comment);
            else
                atEnd.Add(comment);
        }

        var output = new StringBuilder();
        for (var i = 0; i < policies.Count; i++)
        {
            if (i > 0) output.Append('\n');
            foreach (var unit in units[i])
            {
                foreach (var comment in leading.GetValueOrDefault(unit) ?? []) output.Append(comment).Append('\n');
                output.Append(unit.Render(LineWidth));
                if (trailing.TryGetValue(unit, out var comment2)) output.Append(' ').Append(comment2);
                output.Append('\n');
            }
        }
        if (atEnd.Count > 0 && policies.Count > 0) output.Append('\n');
        foreach (var comment in atEnd) output.Append(comment).Append('\n');
        return output.ToString();
    }

    /// <summary>A line-level piece of a policy (an annotation, the scope, a condition) with the source range it covers.</summary>
    private sealed class Unit(int start, int end, Func<int, string> render)
    {
        public int Start { get; } = start;
        public int End { get; } = end;
        public string Render(int width) => render(width);
    }

    private static List<Unit> Units(string text, Policy policy)
    {
        var units = new List<Unit>();
        var policyEnd = policy.Span.Offset + policy.Span.Length;
        foreach (var annotation in policy.Annotations)
        {
            var rendered = annotation.Value is null ? $"@{annotation.Key}" : $"@{annotation.Key}({CedarString.Quote(annotation.Value)})";
            units.Add(new Unit(annotation.Span.Offset, annotation.Span.Offset + annotation.Span.Length, _ => rendered));
        }
        var headStart = SkipTrivia(text, units.Count > 0 ? units[^1].End : policy.Span.Offset);
        var headIsLast = policy.Conditions.Count == 0;
        units.Add(new Unit(headStart, headIsLast ? policyEnd : ScopeEnd(text, policy), width => Head(policy, headIsLast ? ";" : "", width)));
        for (var i = 0; i < policy.Conditions.Count; i++)
        {
            var condition = policy.Conditions[i];
            var isLast = i == policy.Conditions.Count - 1;
            var end = isLast ? policyEnd : condition.Span.Offset + condition.Span.Length;
            units.Add(new Unit(condition.Span.Offset, end, width => Condition(condition, isLast ? ";" : "", width)));
        }
        return units;
    }

    private static string Head(Policy policy, string suffix, int width)
    {
        var effect = policy.Effect == Effect.Permit ? "permit" : "forbid";
        string[] scope = [PolicyPrinter.Scope("principal", policy.Principal), PolicyPrinter.Scope(policy.Action), PolicyPrinter.Scope("resource", policy.Resource)];
        var line = $"{effect} ({string.Join(", ", scope)}){suffix}";
        if (line.Length <= width) return line;
        return $"{effect} (\n{Indent}{string.Join($",\n{Indent}", scope)}\n){suffix}";
    }

    private static string Condition(Condition condition, string suffix, int width)
    {
        var keyword = condition.IsWhen ? "when" : "unless";
        var body = PolicyPrinter.Print(condition.Body);
        var line = $"{keyword} {{ {body} }}{suffix}";
        if (line.Length <= width && !body.Contains('\n')) return line;
        return $"{keyword} {{\n{Indent}{Broken(condition.Body)}\n}}{suffix}";
    }

    // A top-level && or || chain: one operand per line, the operator ending the line before the next operand.
    private static string Broken(Expr body)
    {
        if (body is not Expr.Binary { Op: BinaryOp.And or BinaryOp.Or } chain) return PolicyPrinter.Print(body);
        var operands = new List<Expr>();
        Expr left = chain;
        while (left is Expr.Binary binary && binary.Op == chain.Op)
        {
            operands.Add(binary.Right);
            left = binary.Left;
        }
        operands.Add(left);
        operands.Reverse();
        var symbol = chain.Op == BinaryOp.And ? "&&" : "||";
        return string.Join($" {symbol}\n{Indent}", operands.Select((operand, i) => Operand(operand, chain.Op, isFirst: i == 0)));
    }

    // Parentheses where the chain's operator binds tighter than the operand, or where the operand is the same
    // operator on the right (the chain is left-associative, so that grouping must stay visible).
    private static string Operand(Expr operand, BinaryOp chain, bool isFirst)
    {
        var text = PolicyPrinter.Print(operand);
        var needsParentheses = operand switch
        {
            Expr.If => true,
            Expr.Binary { Op: BinaryOp.Or } => chain == BinaryOp.And || !isFirst,
            Expr.Binary { Op: BinaryOp.And } => chain == BinaryOp.And && !isFirst,
            _ => false,
        };
        return needsParentheses ? $"({text})" : text;
    }

    /// <summary>Every <c>//</c> comment outside string literals: its offset and its text up to the end of the line, trailing spaces removed.</summary>
    private static IEnumerable<(int Offset, string Text)> Comments(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                    if (text[i] == '\\') i++;
            }
            else if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = i;
                while (end < text.Length && text[end] is not ('\n' or '\r')) end++;
                yield return (i, text[i..end].TrimEnd());
                i = end;
            }
        }
    }

    // Just after the `)` that closes the scope: the first `)` after the resource element, comments skipped.
    private static int ScopeEnd(string text, Policy policy)
    {
        var close = SkipTrivia(text, policy.Resource.Span.Offset + policy.Resource.Span.Length);
        return close < text.Length && text[close] == ')' ? close + 1 : policy.Conditions[0].Span.Offset;
    }

    private static int SkipTrivia(string text, int offset)
    {
        while (offset < text.Length)
        {
            if (char.IsWhiteSpace(text[offset])) offset++;
            else if (text[offset] == '/' && offset + 1 < text.Length && text[offset + 1] == '/')
                while (offset < text.Length && text[offset] is not ('\n' or '\r')) offset++;
            else break;
        }
        return offset;
    }
}
