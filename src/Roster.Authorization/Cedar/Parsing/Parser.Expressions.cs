using System.Globalization;

namespace Roster.Authorization.Cedar.Parsing;

// Expressions, from the loosest binding to the tightest:
//   Expr     := 'if' Expr 'then' Expr 'else' Expr | Or
//   Or       := And {'||' And}
//   And      := Relation {'&&' Relation}
//   Relation := Add [RelOp Add] | Add 'has' (IDENT {'.' IDENT} | STR) | Add 'like' STR | Add 'is' Name ['in' Add]
//   Add      := Mult {('+' | '-') Mult}
//   Mult     := Unary {'*' Unary}
//   Unary    := {'!'} Member | {'-'} Member          (at most 4 in a row, not mixed)
//   Member   := Primary {'.' IDENT ['(' Args ')'] | '[' STR ']'}
//   Primary  := INT | STR | 'true' | 'false' | Name '::' STR | Name '(' Args ')' | Variable
//             | '(' Expr ')' | '[' Args ']' | '{' [Key ':' Expr {',' Key ':' Expr}] '}'
internal sealed partial class Parser
{
    private Expr ParseExpr()
    {
        if (_nesting >= MaxNesting)
            throw Syntax(Current, $"the expression is nested too deeply (more than {MaxNesting} levels)");
        _nesting++;
        try
        {
            if (!Current.Is("if")) return ParseOr();
            var start = _pos;
            Advance();
            var condition = ParseExpr();
            ExpectKeyword("then", "`then` after the condition of `if`");
            var then = ParseExpr();
            ExpectKeyword("else", "`else` after the `then` branch (an `if` always has both branches)");
            var otherwise = ParseExpr();
            return new Expr.If(condition, then, otherwise, SpanFrom(start));
        }
        finally
        {
            _nesting--;
        }
    }

    private Expr ParseOr()
    {
        var start = _pos;
        var left = ParseAnd();
        while (Current.Kind == TokenKind.OrOr)
        {
            Advance();
            var right = ParseAnd();
            left = new Expr.Binary(BinaryOp.Or, left, right, SpanFrom(start));
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var start = _pos;
        var left = ParseRelation();
        while (Current.Kind == TokenKind.AndAnd)
        {
            Advance();
            var right = ParseRelation();
            left = new Expr.Binary(BinaryOp.And, left, right, SpanFrom(start));
        }
        return left;
    }

    private static bool IsRelationalOperator(Token token) =>
        token.Kind is TokenKind.EqualEqual or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessEqual
            or TokenKind.Greater or TokenKind.GreaterEqual or TokenKind.Equal
        || token.Is("in");

    private Expr ParseRelation()
    {
        var start = _pos;
        var left = ParseAdd();
        if (IsRelationalOperator(Current))
        {
            var op = Advance();
            var right = ParseAdd();
            var binaryOp = op.Kind switch
            {
                TokenKind.NotEqual => BinaryOp.NotEq,
                TokenKind.Less => BinaryOp.Less,
                TokenKind.LessEqual => BinaryOp.LessEq,
                TokenKind.Greater => BinaryOp.Greater,
                TokenKind.GreaterEqual => BinaryOp.GreaterEq,
                TokenKind.Identifier => BinaryOp.In,
                _ => BinaryOp.Eq,
            };
            if (op.Kind == TokenKind.Equal) Error(SpanOf(op), "'=' is not a valid operator in Cedar; use '==' instead");
            var result = new Expr.Binary(binaryOp, left, right, SpanFrom(start));
            if (IsRelationalOperator(Current))
            {
                Error(SpanOf(Current), "multiple relational operators (>, ==, in, etc.) must be used with parentheses to make ordering explicit");
                while (IsRelationalOperator(Current))
                {
                    Advance();
                    ParseAdd();
                }
            }
            return result;
        }
        if (Current.Is("has")) return ParseHas(left, start);
        if (Current.Is("like")) return ParseLike(left, start);
        if (Current.Is("is")) return ParseIs(left, start);
        return left;
    }

    /// <summary>Tokens after which an operand goes on (so the operand is not a bare name or string).</summary>
    private static bool ContinuesOperand(Token token) =>
        token.Kind is TokenKind.Dot or TokenKind.LeftBracket or TokenKind.LeftParen or TokenKind.DoubleColon
            or TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Percent;

    // `e has a`, `e has "a"`, and Cedar 4's `e has a.b.c`, which means `e has a && e.a has b && e.a.b has c`.
    private Expr ParseHas(Expr target, int start)
    {
        Advance();
        var rhsStart = _pos;
        if (Current.Kind == TokenKind.String && !ContinuesOperand(Peek(1)))
        {
            var attribute = Unescape(Advance());
            return new Expr.HasAttr(target, attribute, SpanFrom(start));
        }
        if (Current.Kind == TokenKind.Identifier)
        {
            var length = 1;
            while (Peek(length).Kind == TokenKind.Dot && Peek(length + 1).Kind == TokenKind.Identifier) length += 2;
            if (!ContinuesOperand(Peek(length)))
            {
                var names = new List<string>();
                for (var k = 0; k < length; k += 2) names.Add(CheckedAttributeName(Peek(k)));
                for (var k = 0; k < length; k++) Advance();
                var span = SpanFrom(start);
                Expr result = new Expr.HasAttr(target, names[0], span);
                Expr reached = new Expr.GetAttr(target, names[0], span);
                foreach (var name in names.Skip(1))
                {
                    result = new Expr.Binary(BinaryOp.And, result, new Expr.HasAttr(reached, name, span), span);
                    reached = new Expr.GetAttr(reached, name, span);
                }
                return result;
            }
        }
        var namespaced = Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.DoubleColon;
        Muted(ParseAdd);
        Error(SpanFrom(rhsStart), namespaced
            ? $"`{TextFrom(rhsStart)}` cannot be used as an attribute as it contains a namespace"
            : $"invalid right side of `has`: `{TextFrom(rhsStart)}`; write an attribute name, a path like `a.b.c`, or a string in double quotes");
        return Placeholder(_tokens[start]);
    }

    private Expr ParseLike(Expr target, int start)
    {
        Advance();
        var rhsStart = _pos;
        if (Current.Kind == TokenKind.String && !ContinuesOperand(Peek(1)))
        {
            var token = Advance();
            var pattern = StringLiterals.Pattern(token, (offset, length, message) => Error(_source.Span(offset, length), message));
            return new Expr.Like(target, pattern, SpanFrom(start));
        }
        Muted(ParseAdd);
        Error(SpanFrom(rhsStart), $"the right side of `like` must be a pattern in double quotes, like \"*.jpg\", but got `{TextFrom(rhsStart)}`");
        return Placeholder(_tokens[start]);
    }

    private Expr ParseIs(Expr target, int start)
    {
        Advance();
        var type = ParseEntityTypeName();
        Expr? inExpr = null;
        if (Current.Is("in"))
        {
            Advance();
            inExpr = ParseAdd();
        }
        return new Expr.Is(target, type, inExpr, SpanFrom(start));
    }

    /// <summary>The entity type after <c>is</c>: <c>User</c> or <c>Namespace::User</c>.</summary>
    private string ParseEntityTypeName()
    {
        var start = _pos;
        if (Current.Kind == TokenKind.Identifier)
        {
            var path = ReadPath();
            if (!ContinuesOperand(Current)) return CheckedName(path, start) ?? "";
        }
        _pos = start;
        Muted(ParseAdd);
        Error(SpanFrom(start), $"the right side of `is` must be an entity type name, like `User` or `Namespace::User`, but got `{TextFrom(start)}`");
        return "";
    }

    private Expr ParseAdd()
    {
        var start = _pos;
        var left = ParseMult();
        while (Current.Kind is TokenKind.Plus or TokenKind.Minus)
        {
            var op = Advance().Kind == TokenKind.Plus ? BinaryOp.Add : BinaryOp.Sub;
            var right = ParseMult();
            left = new Expr.Binary(op, left, right, SpanFrom(start));
        }
        return left;
    }

    private Expr ParseMult()
    {
        var start = _pos;
        var left = ParseUnary();
        while (Current.Kind is TokenKind.Star or TokenKind.Slash or TokenKind.Percent)
        {
            var op = Advance();
            var right = ParseUnary();
            if (op.Kind == TokenKind.Slash) Error(SpanOf(op), "division (`/`) is not supported in Cedar");
            if (op.Kind == TokenKind.Percent) Error(SpanOf(op), "remainder (`%`) is not supported in Cedar");
            left = new Expr.Binary(BinaryOp.Mul, left, right, SpanFrom(start));
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Current.Kind is not (TokenKind.Bang or TokenKind.Minus)) return ParseMember();
        var start = _pos;
        var kind = Current.Kind;
        var count = 0;
        while (Current.Kind == kind)
        {
            Advance();
            count++;
        }
        var symbol = kind == TokenKind.Bang ? "!" : "-";
        if (Current.Kind is TokenKind.Bang or TokenKind.Minus)
            throw Syntax(Current, $"`{symbol}` and `{Current.Text}` cannot follow each other directly; use parentheses, as in `{symbol}({Current.Text}x)`");
        if (count > 4)
            Error(SpanFrom(start), $"too many `{symbol}` in a row: Cedar allows at most 4");

        Expr operand;
        var remaining = count;
        if (kind == TokenKind.Minus && Current.Kind == TokenKind.Integer
            && Peek(1).Kind is not (TokenKind.Dot or TokenKind.LeftBracket or TokenKind.LeftParen))
        {
            // As in Cedar, `-` right before an integer literal makes a negative literal, so that
            // -9223372036854775808 is valid although 9223372036854775808 is not.
            var literalStart = _pos - 1;
            var number = Advance();
            operand = new Expr.Literal(new LongValue(IntegerValue(number, literalStart, negated: true)), SpanFrom(literalStart));
            remaining--;
        }
        else
        {
            operand = ParseMember();
        }
        var op = kind == TokenKind.Bang ? UnaryOp.Not : UnaryOp.Negate;
        for (var k = remaining - 1; k >= 0; k--)
            operand = new Expr.Unary(op, operand, SpanFrom(start + k));
        return operand;
    }

    private long IntegerValue(Token number, int start, bool negated)
    {
        var limit = negated ? 9223372036854775808UL : long.MaxValue;
        if (!ulong.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > limit)
        {
            Error(SpanFrom(start), $"integer literal `{(negated ? "-" : "")}{number.Text}` is too large: Cedar integers go from -9223372036854775808 to 9223372036854775807");
            return 0;
        }
        return negated ? unchecked((long)(0UL - n)) : (long)n;
    }

    // ---- member access, calls, names ----

    private Expr ParseMember()
    {
        var start = _pos;
        var head = Current.Kind == TokenKind.Identifier && !Current.Is("true") && !Current.Is("false")
                   || (Current.Is("true") || Current.Is("false")) && Peek(1).Kind == TokenKind.DoubleColon
            ? ParseNamed()
            : ParsePrimary();

        while (true)
        {
            if (Current.Kind == TokenKind.Dot)
            {
                Advance();
                var name = Expect(TokenKind.Identifier, "an attribute or method name after `.`");
                var checkedName = CheckedAttributeName(name);
                if (Current.Kind == TokenKind.LeftParen)
                {
                    var arguments = ParseArguments();
                    if (!CedarNames.IsMethod(name.Text))
                        Error(SpanOf(name), $"`{name.Text}` is not a valid method");
                    else if (CedarNames.BuiltInMethods.TryGetValue(name.Text, out var arity) && arguments.Count != arity)
                        Error(SpanFrom(start), $"call to `{name.Text}` requires exactly {Plural(arity, "argument")}, but got {Plural(arguments.Count, "argument")}");
                    head = new Expr.MethodCall(head, checkedName, arguments, SpanFrom(start));
                }
                else
                {
                    head = new Expr.GetAttr(head, checkedName, SpanFrom(start));
                }
            }
            else if (Current.Kind == TokenKind.LeftBracket)
            {
                Advance();
                string attribute;
                if (Current.Kind == TokenKind.String && Peek(1).Kind == TokenKind.RightBracket)
                {
                    attribute = Unescape(Advance());
                }
                else
                {
                    var indexStart = _pos;
                    Muted(ParseExpr);
                    Error(SpanFrom(indexStart), "the contents of an index expression must be a string literal, as in `e[\"name\"]`");
                    attribute = "";
                }
                Expect(TokenKind.RightBracket, "`]` after the attribute name");
                head = new Expr.GetAttr(head, attribute, SpanFrom(start));
            }
            else if (Current.Kind == TokenKind.LeftParen)
            {
                ParseArguments();
                Error(SpanFrom(start), head is Expr.Var v
                    ? $"`{VariableName(v.Variable)}(...)` is not a valid function call: variables cannot be called"
                    : "function calls must be of the form `name(arg1, arg2, ...)`");
            }
            else
            {
                return head;
            }
        }
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    private static string VariableName(Variable variable) => variable switch
    {
        Variable.Principal => "principal",
        Variable.Action => "action",
        Variable.Resource => "resource",
        Variable.Context => "context",
        _ => variable.ToString(),
    };

    /// <summary>What starts with an identifier: a variable, an entity reference, or a function call.</summary>
    private Expr ParseNamed()
    {
        var start = _pos;
        if (CedarNames.Reserved.Contains(Current.Text) && Peek(1).Kind != TokenKind.DoubleColon)
        {
            throw Current.Is("if")
                ? Syntax(Current, "an `if` expression must be in parentheses here: `(if … then … else …)`")
                : Syntax(Current, $"expected an expression, found {Current.Describe()}");
        }
        var path = ReadPath();

        if (Current.Kind == TokenKind.DoubleColon)
        {
            Advance();
            if (Current.Kind == TokenKind.String)
            {
                var type = CheckedName(path, start);
                var id = Unescape(Advance());
                return type is null ? Placeholder(_tokens[start]) : new Expr.Literal(new EntityValue(new EntityUid(type, id)), SpanFrom(start));
            }
            if (Current.Kind == TokenKind.LeftBrace)
            {
                Muted(ParsePrimary);
                Error(SpanFrom(start), $"invalid entity literal `{TextFrom(start)}`: write an entity like `Namespace::User::\"alice\"`");
                return Placeholder(_tokens[start]);
            }
            throw Syntax(Current, $"expected the entity's id in quotes after `::`, found {Current.Describe()}");
        }

        if (path.Count == 1)
        {
            Variable? variable = path[0].Text switch
            {
                "principal" => Variable.Principal,
                "action" => Variable.Action,
                "resource" => Variable.Resource,
                "context" => Variable.Context,
                _ => null,
            };
            if (variable is { } v) return new Expr.Var(v, SpanFrom(start));
        }

        var name = CheckedName(path, start);
        if (Current.Kind == TokenKind.LeftParen)
        {
            var arguments = ParseArguments();
            if (name is not null && path.Count == 1 && CedarNames.IsMethod(name))
                Error(SpanFrom(start), $"`{name}` is a method, not a function; write it as a method call, `e.{name}(…)`");
            else if (name is not null && (path.Count != 1 || !CedarNames.ExtensionFunctions.Contains(name)))
                Error(SpanFrom(start), $"`{name}` is not a valid function");
            return new Expr.FunctionCall(name ?? "", arguments, SpanFrom(start));
        }
        if (name is null) return Placeholder(_tokens[start]);

        var at = SpanFrom(start);
        if (Current.Kind == TokenKind.Dot && Peek(1).Kind == TokenKind.Identifier && Peek(2).Kind == TokenKind.LeftParen)
            Error(at, $"attempted to call `{name}.{Peek(1).Text}(...)`, but `{name}` does not have any methods");
        else if (Current.Kind == TokenKind.Dot && Peek(1).Kind == TokenKind.Identifier)
            Error(at, $"invalid member access `{name}.{Peek(1).Text}`, `{name}` has no fields or methods");
        else if (Current.Kind == TokenKind.LeftBracket)
            Error(at, $"invalid indexing expression `{name}[…]`, `{name}` has no fields");
        else
            Error(at, $"invalid variable: `{name}`; the variables are `principal`, `action`, `resource` and `context`; did you mean to put `{name}` in double quotes to make a string?");
        return Placeholder(_tokens[start]);
    }

    /// <summary>Reads <c>IDENT {'::' IDENT}</c>, stopping before a <c>::</c> that is not followed by an identifier.</summary>
    private List<Token> ReadPath()
    {
        var path = new List<Token> { Advance() };
        while (Current.Kind == TokenKind.DoubleColon && Peek(1).Kind == TokenKind.Identifier)
        {
            Advance();
            path.Add(Advance());
        }
        return path;
    }

    /// <summary>The name joined with <c>::</c>, or null after reporting a reserved component.</summary>
    private string? CheckedName(List<Token> path, int start)
    {
        var ok = true;
        foreach (var part in path.Where(p => CedarNames.Reserved.Contains(p.Text)))
        {
            Error(SpanOf(part), $"this identifier is reserved and cannot be used: `{part.Text}`");
            ok = false;
        }
        var name = string.Join("::", path.Select(p => p.Text));
        if (ok && path.Any(p => p.Text == CedarNames.ReservedNamespace))
        {
            Error(SpanFrom(start), $"the name `{name}` contains `__cedar`, which is reserved");
            ok = false;
        }
        return ok ? name : null;
    }

    /// <summary>An identifier used as an attribute or method name: not reserved, not <c>__cedar</c>.</summary>
    private string CheckedAttributeName(Token name)
    {
        if (CedarNames.Reserved.Contains(name.Text))
            Error(SpanOf(name), $"this identifier is reserved and cannot be used: `{name.Text}`");
        else if (name.Text == CedarNames.ReservedNamespace)
            Error(SpanOf(name), "`__cedar` is reserved and cannot be used as a name; write the attribute as a string, `e[\"__cedar\"]`");
        return name.Text;
    }

    private List<Expr> ParseArguments()
    {
        var open = Expect(TokenKind.LeftParen, "`(`");
        var arguments = new List<Expr>();
        while (Current.Kind != TokenKind.RightParen)
        {
            arguments.Add(ParseExpr());
            if (Current.Kind == TokenKind.Comma) Advance();
            else if (Current.Kind != TokenKind.RightParen)
                throw Syntax(Current, $"expected `,` or `)` in the argument list opened at {SpanOf(open)}, found {Current.Describe()}");
        }
        Advance();
        return arguments;
    }

    private Expr ParsePrimary()
    {
        var start = _pos;
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Integer:
                Advance();
                return new Expr.Literal(new LongValue(IntegerValue(token, start, negated: false)), SpanOf(token));
            case TokenKind.String:
                Advance();
                return new Expr.Literal(new StringValue(Unescape(token)), SpanOf(token));
            case TokenKind.Identifier when token.Text is "true" or "false":
                Advance();
                return new Expr.Literal(BoolValue.Of(token.Text == "true"), SpanOf(token));
            case TokenKind.Slot:
                Advance();
                Error(SpanOf(token), token.Text is "?principal" or "?resource"
                    ? $"`{token.Text}` is a template slot, and Roster does not use policy templates; write the entity itself, like `User::\"alice\"`"
                    : $"`{token.Text}` is not a valid template slot, and Roster does not use policy templates");
                return Placeholder(token);
            case TokenKind.LeftParen:
            {
                Advance();
                var inner = ParseExpr();
                Expect(TokenKind.RightParen, $"`)` to close the `(` at {SpanOf(token)}");
                return inner;
            }
            case TokenKind.LeftBracket:
            {
                Advance();
                var elements = new List<Expr>();
                while (Current.Kind != TokenKind.RightBracket)
                {
                    elements.Add(ParseExpr());
                    if (Current.Kind == TokenKind.Comma) Advance();
                    else if (Current.Kind != TokenKind.RightBracket)
                        throw Syntax(Current, $"expected `,` or `]` in the set opened at {SpanOf(token)}, found {Current.Describe()}");
                }
                Advance();
                return new Expr.Set(elements, SpanFrom(start));
            }
            case TokenKind.LeftBrace:
                return ParseRecord();
            case TokenKind.Identifier:
                return ParseNamed();
            default:
                throw Syntax(token, $"expected an expression, found {token.Describe()}");
        }
    }

    private Expr.Record ParseRecord()
    {
        var start = _pos;
        var open = Advance();
        var attributes = new List<KeyValuePair<string, Expr>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (Current.Kind != TokenKind.RightBrace)
        {
            var keyStart = _pos;
            string? key = null;
            if (Current.Kind == TokenKind.String && Peek(1).Kind == TokenKind.Colon)
            {
                key = Unescape(Advance());
            }
            else if (Current.Kind == TokenKind.Identifier && Peek(1).Kind == TokenKind.Colon)
            {
                key = CheckedAttributeName(Advance());
            }
            else
            {
                Muted(ParseExpr);
                Error(SpanFrom(keyStart), $"invalid attribute name `{TextFrom(keyStart)}`: attribute names are identifiers or strings in double quotes");
            }
            var keySpan = SpanFrom(keyStart);
            Expect(TokenKind.Colon, "`:` after the attribute name");
            var value = ParseExpr();
            if (key is not null)
            {
                if (keys.Add(key)) attributes.Add(new(key, value));
                else Error(keySpan, $"duplicate key `{key}` in record literal");
            }
            if (Current.Kind == TokenKind.Comma) Advance();
            else if (Current.Kind != TokenKind.RightBrace)
                throw Syntax(Current, $"expected `,` or `}}` in the record opened at {SpanOf(open)}, found {Current.Describe()}");
        }
        Advance();
        return new Expr.Record(attributes, SpanFrom(start));
    }
}
