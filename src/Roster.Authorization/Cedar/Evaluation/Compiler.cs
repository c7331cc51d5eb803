namespace Roster.Authorization.Cedar.Evaluation;

/// <summary>
/// Turns a syntax tree into nodes, once. Parts that are the same for every request (literal sets
/// and records, <c>ip("…")</c> and <c>decimal("…")</c> of literals) are computed here; if such a
/// part fails, it becomes a node that fails when evaluation reaches it, as Cedar would.
/// </summary>
internal static class Compiler
{
    public static Node Compile(Expr expr) => expr switch
    {
        Expr.Literal l => new ConstantNode(l.Value),
        Expr.Var v => v.Variable switch
        {
            Variable.Principal => PrincipalNode.Instance,
            Variable.Action => ActionNode.Instance,
            Variable.Resource => ResourceNode.Instance,
            Variable.Context => ContextNode.Instance,
            _ => throw new ArgumentOutOfRangeException(nameof(expr)),
        },
        Expr.Unary u => u.Op switch
        {
            UnaryOp.Not => new NotNode(Compile(u.Operand)),
            UnaryOp.Negate => new NegateNode(Compile(u.Operand)),
            _ => throw new ArgumentOutOfRangeException(nameof(expr)),
        },
        Expr.Binary b => CompileBinary(b),
        Expr.If i => new IfNode(Compile(i.Condition), Compile(i.Then), Compile(i.Else)),
        Expr.GetAttr g => new GetAttrNode(Compile(g.Target), g.Attribute),
        Expr.HasAttr h => new HasAttrNode(Compile(h.Target), h.Attribute),
        Expr.Like l => new LikeNode(Compile(l.Target), l.Pattern),
        Expr.Is i => new IsNode(Compile(i.Target), i.EntityType, i.In is null ? null : CompileIn(Compile(i.Target), Compile(i.In))),
        Expr.Set s => CompileSet(s),
        Expr.Record r => CompileRecord(r),
        Expr.MethodCall m => CompileMethod(m),
        Expr.FunctionCall f => CompileCall(f.Function, [.. f.Arguments.Select(Compile)]),
        _ => throw new ArgumentOutOfRangeException(nameof(expr)),
    };

    private static Node CompileBinary(Expr.Binary b)
    {
        var left = Compile(b.Left);
        var right = Compile(b.Right);
        return b.Op switch
        {
            BinaryOp.And => new AndNode(left, right),
            BinaryOp.Or => new OrNode(left, right),
            BinaryOp.Eq => new EqualsNode(left, right),
            BinaryOp.NotEq => new NotEqualsNode(left, right),
            BinaryOp.Less => new LessNode(false, left, right),
            BinaryOp.LessEq => new LessNode(true, left, right),
            BinaryOp.Greater => new NotNode(new LessNode(true, left, right)),
            BinaryOp.GreaterEq => new NotNode(new LessNode(false, left, right)),
            BinaryOp.In => CompileIn(left, right),
            BinaryOp.Add => new ArithmeticNode(ArithmeticOp.Add, left, right),
            BinaryOp.Sub => new ArithmeticNode(ArithmeticOp.Sub, left, right),
            BinaryOp.Mul => new ArithmeticNode(ArithmeticOp.Mul, left, right),
            _ => throw new ArgumentOutOfRangeException(nameof(b)),
        };
    }

    private static Node CompileIn(Node left, Node right)
    {
        switch (right.Constant)
        {
            case EntityValue e:
                return new InConstantNode(left, [e]);
            case SetValue s when s.Elements.All(v => v is EntityValue):
                return new InConstantNode(left, [.. s.Elements.Cast<EntityValue>()]);
            default:
                return new InNode(left, right);
        }
    }

    private static Node CompileSet(Expr.Set s)
    {
        Node[] elements = [.. s.Elements.Select(Compile)];
        return Fold(new SetNode(elements), elements);
    }

    private static Node CompileCall(string name, Node[] arguments) =>
        Fold(new ExtensionCallNode(name, ExtensionFunctions.Find(name), arguments), arguments);

    private static Node CompileRecord(Expr.Record r)
    {
        // Cedar keeps a record's attributes sorted and evaluates them in that order.
        var attributes = new SortedDictionary<string, Node>(StringComparer.Ordinal);
        foreach (var (key, value) in r.Attributes) attributes[key] = Compile(value);
        Node[] values = [.. attributes.Values];
        return Fold(new RecordNode([.. attributes.Keys], values), values);
    }

    private static Node CompileMethod(Expr.MethodCall m)
    {
        var target = Compile(m.Target);
        var arguments = m.Arguments.Select(Compile).ToArray();
        Node? OneArgument(Func<Node, Node> build) => arguments.Length == 1 ? build(arguments[0]) : null;
        var node = m.Method switch
        {
            "contains" => OneArgument(a => new ContainsNode(target, a)),
            "containsAll" => OneArgument(a => new ContainsSetNode(true, target, a)),
            "containsAny" => OneArgument(a => new ContainsSetNode(false, target, a)),
            "getTag" => OneArgument(a => new TagNode(true, target, a)),
            "hasTag" => OneArgument(a => new TagNode(false, target, a)),
            "isEmpty" => arguments.Length == 0 ? new IsEmptyNode(target) : null,
            _ => CompileCall(m.Method, [target, .. arguments]),
        };
        return node ?? new ErrorNode($"wrong number of arguments provided to `{m.Method}`: got {arguments.Length}");
    }

    /// <summary>Computes, once, a node whose inputs are all constant, when that succeeds.</summary>
    private static Node Fold(Node node, Node[] inputs)
    {
        foreach (var input in inputs)
            if (input.Constant is null) return node;
        try
        {
            // Such a node reads only its inputs, never the request.
            return new ConstantNode(node.Eval(null!));
        }
        catch (CedarEvaluationException)
        {
            return node;
        }
    }
}
