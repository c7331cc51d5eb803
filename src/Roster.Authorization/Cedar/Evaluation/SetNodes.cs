namespace Roster.Authorization.Cedar.Evaluation;

internal sealed class ContainsNode(Node set, Node element) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var sv = set.Eval(env);
        var ev = element.Eval(env);
        return BoolValue.Of(Values.AsSet(sv).Contains(ev));
    }
}

/// <summary><c>a.containsAll(b)</c> (All) and <c>a.containsAny(b)</c>.</summary>
internal sealed class ContainsSetNode(bool all, Node left, Node right) : Node
{
    public override Value Eval(EvalEnv env)
    {
        var lv = left.Eval(env);
        var rv = right.Eval(env);
        var l = Values.AsSet(lv);
        var r = Values.AsSet(rv);
        foreach (var element in r.Elements)
        {
            var found = l.Contains(element);
            if (all && !found) return BoolValue.False;
            if (!all && found) return BoolValue.True;
        }
        return BoolValue.Of(all);
    }
}

internal sealed class IsEmptyNode(Node set) : Node
{
    public override Value Eval(EvalEnv env) => BoolValue.Of(Values.AsSet(set.Eval(env)).Elements.Count == 0);
}

/// <summary><c>s like "a*b"</c>: the literal runs between wildcards must appear in order, the first at the start and the last at the end.</summary>
internal sealed class LikeNode : Node
{
    private readonly Node _target;
    private readonly string[] _runs;
    private readonly bool _hasWildcard;

    public LikeNode(Node target, IReadOnlyList<string?> pattern)
    {
        _target = target;
        var runs = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var part in pattern)
        {
            if (part is null)
            {
                _hasWildcard = true;
                runs.Add(current.ToString());
                current.Clear();
            }
            else current.Append(part);
        }
        runs.Add(current.ToString());
        _runs = [.. runs];
    }

    public override Value Eval(EvalEnv env) => BoolValue.Of(Matches(Values.AsString(_target.Eval(env))));

    private bool Matches(string text)
    {
        if (!_hasWildcard) return string.Equals(text, _runs[0], StringComparison.Ordinal);
        var first = _runs[0];
        var last = _runs[^1];
        if (text.Length < first.Length + last.Length) return false;
        if (!text.StartsWith(first, StringComparison.Ordinal) || !text.EndsWith(last, StringComparison.Ordinal)) return false;
        var position = first.Length;
        var end = text.Length - last.Length;
        for (var i = 1; i < _runs.Length - 1; i++)
        {
            var run = _runs[i];
            if (run.Length == 0) continue;
            var found = text.IndexOf(run, position, end - position, StringComparison.Ordinal);
            if (found < 0) return false;
            position = found + run.Length;
        }
        return true;
    }
}
