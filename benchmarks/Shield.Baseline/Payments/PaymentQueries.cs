using System.Data.Common;
using Shield.Baseline.Data;
using Shield.Baseline.Json;

namespace Shield.Baseline.Payments;

/// <summary>
/// GET and list, with the queries EF runs for Shield: one payment with its attempts (one LEFT JOIN query); a page as a
/// COUNT then (only when something matches) the page with its attempts (paged subquery LEFT JOIN attempts).
/// </summary>
internal sealed class PaymentQueries(Database db, string clientId)
{
    public async Task<PaymentView?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await GetAsync(connection, id, cancellationToken);
    }

    public async Task<PaymentView?> GetAsync(DbConnection connection, Guid id, CancellationToken cancellationToken)
    {
        await using var command = Database.Command(connection, Sql.PaymentById);
        db.AddGuid(command.Parameters, "@id", id);
        db.AddText(command.Parameters, "@client", clientId);
        await using var reader = await db.ReadAsync(command, cancellationToken);
        var payments = await ReadAsync(reader, cancellationToken);
        return payments.Count == 0 ? null : payments[0];
    }

    public async Task<PageView> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        int total;
        await using (var count = Database.Command(connection, Sql.CountPayments))
        {
            db.AddText(count.Parameters, "@client", clientId);
            total = Convert.ToInt32(await db.ScalarAsync(count, cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (total == 0)
        {
            return new PageView([], page, pageSize, 0);
        }

        await using var command = Database.Command(connection, Sql.PaymentPage);
        db.AddText(command.Parameters, "@client", clientId);
        db.AddInt(command.Parameters, "@take", pageSize);
        db.AddInt(command.Parameters, "@skip", (page - 1) * pageSize);
        await using var reader = await db.ReadAsync(command, cancellationToken);
        return new PageView(await ReadAsync(reader, cancellationToken), page, pageSize, total);
    }

    /// <summary>Rows of <see cref="Sql.PaymentById"/> / <see cref="Sql.PaymentPage"/>: one per attempt, grouped by payment in order.</summary>
    private async Task<List<PaymentView>> ReadAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var payments = new List<PaymentView>();
        List<AttemptView>? attempts = null;
        var current = Guid.Empty;
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = db.ReadGuid(reader, 0);
            if (attempts is null || id != current)
            {
                attempts = new List<AttemptView>(1);
                current = id;
                payments.Add(new PaymentView(
                    id,
                    reader.GetString(1),
                    reader.GetInt32(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetString(6),
                    Text(reader, 7),
                    reader.IsDBNull(8) ? null : new FailureView(reader.GetString(8), Text(reader, 9), reader.GetString(10), reader.GetBoolean(11)),
                    Text(reader, 12),
                    db.ReadTime(reader, 13),
                    db.ReadTime(reader, 14),
                    db.ReadTimeOrNull(reader, 15),
                    attempts));
            }

            if (!reader.IsDBNull(16))
            {
                attempts.Add(new AttemptView(
                    reader.GetInt32(16),
                    reader.GetString(17),
                    Text(reader, 18),
                    Text(reader, 19),
                    Text(reader, 20),
                    Text(reader, 21),
                    Text(reader, 22),
                    Text(reader, 23),
                    db.ReadTime(reader, 24),
                    db.ReadTimeOrNull(reader, 25),
                    db.ReadTimeOrNull(reader, 26)));
            }
        }

        return payments;
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
