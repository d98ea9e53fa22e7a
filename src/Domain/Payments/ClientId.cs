using Shield.Domain.Common;

namespace Shield.Domain.Payments;

/// <summary>The API client (a Shield AI app) that owns a payment.</summary>
public readonly record struct ClientId
{
    public const int MaxLength = 64;

    public ClientId(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxLength)
        {
            throw new DomainException($"A client id is 1 to {MaxLength} characters.");
        }

        Value = value;
    }

    public string Value { get; }

    public override string ToString() => Value;
}
