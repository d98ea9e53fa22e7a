using System.Data.Common;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Shield.Application.Common.Persistence;

namespace Shield.Infrastructure.Persistence;

/// <summary>Translates provider exceptions into the Application's words: a conflict, or an unavailable database.</summary>
internal static class DatabaseErrors
{
    public static async Task<T> Translate<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new DatabaseUnavailableException("The database could not be reached.", exception);
        }
    }

    /// <summary>Which unique index refused a change, or null when it was not a unique violation.</summary>
    public static UniqueKey? UniqueViolation(DbUpdateException exception)
    {
        var evidence = exception.InnerException switch
        {
            Npgsql.PostgresException { SqlState: "23505" } postgres => postgres.ConstraintName ?? postgres.Message,
            Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } sqlite when sqlite.Message.Contains("UNIQUE", StringComparison.Ordinal) => sqlite.Message,
            Microsoft.Data.SqlClient.SqlException { Number: 2601 or 2627 } sqlServer => sqlServer.Message,
            _ => null,
        };
        return evidence switch
        {
            null => null,
            _ when evidence.Contains("InFlightPhoneNumber", StringComparison.Ordinal) => UniqueKey.InFlightPhoneNumber,
            _ when evidence.Contains("OpenPaymentId", StringComparison.Ordinal) => UniqueKey.OpenRefund,
            _ when evidence.Contains("IdempotencyKey", StringComparison.Ordinal) => UniqueKey.IdempotencyKey,
            _ when evidence.Contains("CheckoutRequestId", StringComparison.Ordinal) => UniqueKey.CheckoutRequestId,
            _ when evidence.Contains("MpesaReceiptNumber", StringComparison.Ordinal) => UniqueKey.MpesaReceiptNumber,
            _ when evidence.Contains("PK_PaymentAttempts", StringComparison.Ordinal)
                || evidence.Contains("PaymentAttempts.PaymentId, PaymentAttempts.Number", StringComparison.Ordinal) => UniqueKey.AttemptNumber,
            _ when evidence.Contains("IX_Events_StreamId_Sequence", StringComparison.Ordinal)
                || evidence.Contains("Events.StreamId, Events.Sequence", StringComparison.Ordinal) => UniqueKey.EventSequence,
            _ => UniqueKey.Other,
        };
    }

    public static bool IsUnavailable(Exception exception) => exception switch
    {
        DbUpdateConcurrencyException => false,
        DbUpdateException { InnerException: { } inner } => IsUnavailable(inner),
        SocketException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsUnavailable(inner),
        DbException db => db.IsTransient || IsConnectionFailure(db),
        _ => false,
    };

    private static bool IsConnectionFailure(DbException exception) =>
        exception.InnerException is SocketException or IOException or TimeoutException
        || exception.Message.Contains("unable to open database", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("database is locked", StringComparison.OrdinalIgnoreCase);
}
