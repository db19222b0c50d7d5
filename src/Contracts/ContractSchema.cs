namespace EdgeEmotion.Contracts;

/// <summary>The contract's <c>schema</c> number: fields are only ever added under it; a field that
/// changes meaning or goes away needs a new number (written into the contract first).</summary>
public static class ContractSchema
{
    public const int Version = 1;
}
