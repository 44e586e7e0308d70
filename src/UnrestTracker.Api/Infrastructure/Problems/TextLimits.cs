namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>
/// The longest text each kind of field takes, in characters: one table for every body field and query
/// parameter. At four bytes a character each stays far below what a btree or GIN entry holds (about
/// 2,700 bytes), so a long value is a 400 naming the field, never an index error.
/// </summary>
public static class TextLimits
{
    public const int Code = 16;
    public const int Key = 64;
    public const int Unit = 50;
    public const int Subject = 100;
    public const int Tag = 100;
    public const int Label = 200;
    public const int Title = 300;
    public const int Name = 300;
    public const int Query = 500;
    public const int Url = 2000;
    public const int Reason = 2000;
    public const int Prose = 10_000;
    public const int Quote = 20_000;
}

/// <summary>The most characters a text field (or each text of an array) takes; enforced and documented as maxLength.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextLimitAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}
