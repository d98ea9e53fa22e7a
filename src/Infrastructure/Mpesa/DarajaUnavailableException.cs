using Shield.Domain.Payments;

namespace Shield.Infrastructure.Mpesa;

/// <summary>Daraja gave no usable answer (used inside the adapter; the port returns NoAnswer instead).</summary>
internal sealed class DarajaUnavailableException(NoAnswerReason reason, string detail) : Exception(detail)
{
    public NoAnswerReason Reason { get; } = reason;
}
