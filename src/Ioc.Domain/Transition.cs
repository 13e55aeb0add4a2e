namespace Ioc.Domain;

/// <summary>The outcome of applying an event: the new state, or a machine-readable code and a message.</summary>
public readonly record struct Transition<T>(T? State, string? ErrorCode, string? Error) where T : class
{
    public bool Succeeded => Error is null;

    public static Transition<T> Ok(T state) => new(state, null, null);

    public static Transition<T> Fail(string code, string message) => new(null, code, message);
}
