using System.Diagnostics.CodeAnalysis;

namespace Roster.Common;

/// <summary>
/// What a use case answers: its result, or the <see cref="RosterError"/> of the rule that refused it. Both convert
/// implicitly, so a use case simply returns either; a caller checks <see cref="Error"/> before it reads <see cref="Value"/>.
/// </summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, RosterError? error)
    {
        _value = value;
        Error = error;
    }

    public RosterError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>The result; reading it from a refusal is a bug.</summary>
    public T Value => Error is null ? _value! : throw new InvalidOperationException($"The use case was refused: {Error.Message}");

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(RosterError error) => new(default, error);
}
