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
