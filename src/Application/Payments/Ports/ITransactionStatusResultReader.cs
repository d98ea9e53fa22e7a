using System.Diagnostics.CodeAnalysis;
using Shield.Domain.Payments;

namespace Shield.Application.Payments.Ports;

/// <summary>Reads Safaricom's Transaction Status result (or queue timeout) body.</summary>
public interface ITransactionStatusResultReader
{
    bool TryRead(string body, bool timedOut, [NotNullWhen(true)] out TransactionStatusReport? report);
}
