namespace GuidelineEngine.Engine.Core;

/// <summary>Three-valued truth: a condition over a fact not given is neither met nor failed.</summary>
public enum Truth : byte
{
    False = 0,
    True = 1,
    Unknown = 2,
}

/// <summary>Kleene's strong three-valued connectives.</summary>
public static class TruthOps
{
    public static Truth And(Truth a, Truth b) =>
        a == Truth.False || b == Truth.False ? Truth.False
        : a == Truth.True && b == Truth.True ? Truth.True
        : Truth.Unknown;

    public static Truth Or(Truth a, Truth b) =>
        a == Truth.True || b == Truth.True ? Truth.True
        : a == Truth.False && b == Truth.False ? Truth.False
        : Truth.Unknown;

    public static Truth Not(Truth a) => a switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    public static Truth Of(bool value) => value ? Truth.True : Truth.False;
}
