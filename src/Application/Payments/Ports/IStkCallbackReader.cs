using System.Diagnostics.CodeAnalysis;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>Reads Safaricom's STK callback body (Daraja's wire format stays in Infrastructure).</summary>
public interface IStkCallbackReader
{
    /// <summary>False when the body is not an STK callback Shield can act on.</summary>
    bool TryRead(string body, [NotNullWhen(true)] out StkResult? result);
}
