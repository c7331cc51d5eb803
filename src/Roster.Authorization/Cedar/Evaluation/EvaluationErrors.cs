using System.Globalization;

namespace Roster.Authorization.Cedar.Evaluation;

/// <summary>
/// Cedar's evaluation errors, worded as Cedar words them, so that a decision's errors read the same
/// as the reference implementation's.
/// </summary>
internal static class EvaluationErrors
{
    /// <summary>The type of a value as Cedar's type errors print it.</summary>
    public static string TypeOf(Value value) => value switch
    {
        EntityValue e => EntityType(e.Uid.Type),
        _ => value.TypeName,
    };

    public static string EntityType(string type) => $"(entity of type `{type}`)";

    /// <summary>What Cedar expects where any entity will do.</summary>
    public static readonly string AnyEntity = EntityType("any_entity_type");

    public static CedarEvaluationException Type(string expected, Value actual) =>
        new($"type error: expected {expected}, got {TypeOf(actual)}");

    public static CedarEvaluationException Type(string[] expected, Value actual) =>
        new($"type error: expected one of [{string.Join(", ", expected)}], got {TypeOf(actual)}");

    public static CedarEvaluationException EntityDoesNotExist(EntityUid uid) => new($"entity `{uid}` does not exist");

    public static CedarEvaluationException EntityAttributeMissing(EntityUid uid, string attribute) =>
        new($"`{uid}` does not have the attribute `{attribute}`");

    public static CedarEvaluationException EntityTagMissing(EntityUid uid, string tag) =>
        new($"`{uid}` does not have the tag `{tag}`");

    public static CedarEvaluationException RecordAttributeMissing(string attribute) =>
        new($"record does not have the attribute `{attribute}`");

    public static CedarEvaluationException Overflow(string verb, long left, long right) =>
        new($"integer overflow while attempting to {verb} the values `{Text(left)}` and `{Text(right)}`");

    public static CedarEvaluationException NegationOverflow(long value) =>
        new($"integer overflow while attempting to negate the value `{Text(value)}`");

    public static CedarEvaluationException UnknownFunction(string name) => new($"extension function `{name}` does not exist");

    public static CedarEvaluationException WrongArgumentCount(string function, int expected, int actual) =>
        new($"wrong number of arguments provided to extension function `{function}`: expected {expected}, got {actual}");

    public static CedarEvaluationException Extension(string extension, string message) =>
        new($"error while evaluating `{extension}` extension function: {message}");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
