namespace Shield.Domain.Common;

/// <summary>The API client (a Shield AI app) that owns payments, webhook endpoints and events: the shared kernel of every module.</summary>
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
