namespace Shield.Baseline.Data;

/// <summary>
/// Every statement the baseline runs, identical on SQLite and PostgreSQL (quoted PascalCase names, as EF's migrations
/// create them). Constant values are literals; everything else is a parameter.
/// </summary>
internal static class Sql
{
    public const string Ready = "SELECT 1";

    // Initiation, commit 1: the payment with attempt #1 in Sending (Version 0, as EF inserts a new aggregate).
    public const string InsertPayment = """
        INSERT INTO "Payments" ("Id", "ClientId", "IdempotencyKey", "Amount", "Currency", "PhoneNumber", "AccountReference", "Description", "Status", "CreatedAt", "UpdatedAt", "Version")
        VALUES (@id, @client, NULL, @amount, 'KES', @phone, @reference, @description, 'Pending', @now, @now, 0)
        """;

    public const string InsertAttempt = """
        INSERT INTO "PaymentAttempts" ("PaymentId", "Number", "Status", "CreatedAt", "QueryCount", "InFlightPhoneNumber")
        VALUES (@id, 1, 'Sending', @now, 0, @phone)
        """;

    // Initiation, commit 2: Daraja's answer on the attempt, and the payment touched (UpdatedAt, Version + 1).
    public const string AttemptAccepted = """
        UPDATE "PaymentAttempts" SET "Status" = 'AwaitingCustomer', "MerchantRequestId" = @merchant, "CheckoutRequestId" = @checkout, "SentAt" = @now
        WHERE "PaymentId" = @id AND "Number" = @number
        """;

    public const string AttemptRejected = """
        UPDATE "PaymentAttempts" SET "Status" = 'Rejected', "InFlightPhoneNumber" = NULL, "ResultCode" = @code, "ResultDescription" = @description, "SentAt" = @now, "CompletedAt" = @now
        WHERE "PaymentId" = @id AND "Number" = @number
        """;

    public const string AttemptUnknown = """
        UPDATE "PaymentAttempts" SET "Status" = 'Unknown', "ResultDescription" = @description, "SentAt" = @now
        WHERE "PaymentId" = @id AND "Number" = @number
        """;

    // Callback, commit 2: the attempt's result (PaymentAttempt.RecordResult keeps an earlier receipt when the result has none).
    public const string AttemptFinished = """
        UPDATE "PaymentAttempts" SET "Status" = @status, "InFlightPhoneNumber" = NULL, "ResultSource" = 'Callback', "NextQueryAt" = NULL,
            "ResultCode" = @code, "ResultDescription" = @description, "ReceiptNumber" = COALESCE(@receipt, "ReceiptNumber"),
            "PaidAmount" = COALESCE(@paid, "PaidAmount"), "PaidAt" = COALESCE(@paidAt, "PaidAt"), "CompletedAt" = @now
        WHERE "PaymentId" = @id AND "Number" = @number
        """;

    // The payment: every change bumps Version, checked like EF's concurrency token.
    public const string PaymentTouched = """
        UPDATE "Payments" SET "UpdatedAt" = @now, "Version" = @next
        WHERE "Id" = @id AND "Version" = @version
        """;

    public const string PaymentSettled = """
        UPDATE "Payments" SET "Status" = @status, "FailureCode" = @failureCode, "FailureResultCode" = @failureResultCode,
            "FailureMessage" = @failureMessage, "FailureRetriable" = @failureRetriable, "UpdatedAt" = @now, "Version" = @next
        WHERE "Id" = @id AND "Version" = @version
        """;

    public const string PaymentCompleted = """
        UPDATE "Payments" SET "Status" = 'Completed', "MpesaReceiptNumber" = @receipt, "CompletedAt" = @now, "FailureCode" = NULL,
            "FailureResultCode" = NULL, "FailureMessage" = NULL, "FailureRetriable" = NULL, "UpdatedAt" = @now, "Version" = @next
        WHERE "Id" = @id AND "Version" = @version
        """;

    // Callback inbox: commit 1 stores the raw body; commit 2 records what became of it.
    public const string InsertCallback = """
        INSERT INTO "CallbackInbox" ("Id", "Kind", "ReceivedAt", "RemoteAddress", "Body", "Outcome")
        VALUES (@id, 'StkCallback', @now, @remote, @body, 'Received')
        """;

    public const string CallbackProcessed = """
        UPDATE "CallbackInbox" SET "Outcome" = @outcome, "PaymentId" = @payment, "CheckoutRequestId" = @checkout, "ProcessedAt" = @now
        WHERE "Id" = @id
        """;

    public const string CallbackUnmatched = """
        UPDATE "CallbackInbox" SET "Outcome" = 'Unmatched', "CheckoutRequestId" = @checkout, "ProcessedAt" = @now
        WHERE "Id" = @id
        """;

    public const string CallbackMalformed = """
        UPDATE "CallbackInbox" SET "Outcome" = 'Malformed', "ProcessedAt" = @now
        WHERE "Id" = @id
        """;

    /// <summary>Callbacks that beat the commit of their push's answer (CallbackInbox.ListUnmatchedAsync).</summary>
    public const string UnmatchedCallbacks = """
        SELECT "Id", "Body" FROM "CallbackInbox"
        WHERE "CheckoutRequestId" = @checkout AND "Outcome" = 'Unmatched'
        ORDER BY "Id"
        """;

    /// <summary>The attempt a callback is for, with what the decision needs of its payment.</summary>
    public const string AttemptForCallback = """
        SELECT a."PaymentId", a."Number", a."Status", p."Status", p."Version",
            (SELECT MAX(x."Number") FROM "PaymentAttempts" AS x WHERE x."PaymentId" = a."PaymentId")
        FROM "PaymentAttempts" AS a
        INNER JOIN "Payments" AS p ON p."Id" = a."PaymentId"
        WHERE a."CheckoutRequestId" = @checkout
        """;

    // Reads: the payment columns PaymentDetails shows, then its attempts' (one row per attempt, LEFT JOIN as EF loads owned attempts).
    private const string PaymentColumns = """
        p."Id", p."Status", p."Amount", p."Currency", p."PhoneNumber", p."AccountReference", p."Description", p."MpesaReceiptNumber",
        p."FailureCode", p."FailureResultCode", p."FailureMessage", p."FailureRetriable", p."ReviewReason", p."CreatedAt", p."UpdatedAt", p."CompletedAt",
        a."Number", a."Status", a."CheckoutRequestId", a."MerchantRequestId", a."ResultCode", a."ResultDescription", a."ReceiptNumber",
        a."ResultSource", a."CreatedAt", a."SentAt", a."CompletedAt"
        """;

    public const string PaymentById = "SELECT " + PaymentColumns + """

        FROM "Payments" AS p
        LEFT JOIN "PaymentAttempts" AS a ON a."PaymentId" = p."Id"
        WHERE p."Id" = @id AND p."ClientId" = @client
        ORDER BY a."Number"
        """;

    public const string CountPayments = """
        SELECT COUNT(*) FROM "Payments" WHERE "ClientId" = @client
        """;

    public const string PaymentPage = "SELECT " + PaymentColumns + """

        FROM (
            SELECT * FROM "Payments" WHERE "ClientId" = @client
            ORDER BY "CreatedAt" DESC, "Id" DESC
            LIMIT @take OFFSET @skip
        ) AS p
        LEFT JOIN "PaymentAttempts" AS a ON a."PaymentId" = p."Id"
        ORDER BY p."CreatedAt" DESC, p."Id" DESC, a."Number"
        """;
}
