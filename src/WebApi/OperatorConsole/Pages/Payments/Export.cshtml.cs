using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Shield.Application.Payments.StreamPayments;
using Shield.Domain.OperatorConsole;
using Shield.WebApi.OperatorConsole.Display;

namespace Shield.WebApi.OperatorConsole.Pages.Payments;

/// <summary>
/// The filtered payments as CSV, streamed row by row as the database reads them. Phones are masked; an Admin may ask
/// for them in full (<c>fullPhones=true</c>), which is audited like every export.
/// </summary>
public sealed class ExportModel(IMediator mediator, ConsoleActions audit, FluentValidation.IValidator<Application.Payments.Contracts.PaymentSearchCriteria> validator)
    : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public PaymentSearchForm Search { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(bool fullPhones = false)
    {
        if (Search.Problem is { } problem)
        {
            return BadRequest(problem);
        }

        if (fullPhones && !IsAdmin)
        {
            await audit.AuditAsync("forbidden", "page", "/Payments/Export", AuditOutcome.Refused, "full phone numbers asked by a non-Admin");
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        // Checked before the first byte: once the CSV has started, a refusal could only cut it short, and a file with
        // only its header would read as "no payments".
        var criteria = Search.Criteria();
        if (await validator.ValidateAsync(criteria, HttpContext.RequestAborted) is { IsValid: false } invalid)
        {
            return BadRequest(string.Join(" ", invalid.Errors.Select(e => e.ErrorMessage)));
        }

        var what = Describe(Request.QueryString.Value) + (fullPhones ? " (full phone numbers)" : string.Empty); // its phones are masked where every audit detail is (ConsoleActions.AuditAsync)

        // Recorded before the first row leaves: an export whose audit entry cannot be written is not made.
        await audit.AuditAsync("payments.export.started", "payment_search", null, AuditOutcome.Succeeded, what);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"shield-payments-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        var rows = 0;
        try
        {
            await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
            await writer.WriteLineAsync("id,client,status,amount,phone,account_reference,mpesa_receipt,review_reason,created_at,completed_at");
            await foreach (var p in mediator.CreateStream(new StreamPaymentsQuery(criteria), HttpContext.RequestAborted))
            {
                await writer.WriteLineAsync(string.Join(',',
                    p.Id.ToString(), Cell(p.ClientId), p.Status.ToString(), p.Amount.ToString(CultureInfo.InvariantCulture),
                    Cell(fullPhones ? p.PhoneNumber : ConsoleText.Phone(p.PhoneNumber)),
                    Cell(fullPhones ? p.AccountReference : ConsoleText.MaskPhones(p.AccountReference)), Cell(p.MpesaReceiptNumber), Cell(p.ReviewReason),
                    p.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), p.CompletedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty));
                if (++rows % 500 == 0)
                {
                    await writer.FlushAsync(HttpContext.RequestAborted);
                }
            }

            await writer.FlushAsync(HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Cut short (the database went away, the person left): the connection is aborted, so the file cannot be
            // taken for a whole one, and the audit says how far it got.
            await audit.AuditAsync("payments.export", "payment_search", null, AuditOutcome.Failed, $"{what}: stopped after {rows} rows ({exception.GetType().Name})");
            HttpContext.Abort();
            return new EmptyResult();
        }

        try
        {
            await audit.AuditAsync("payments.export", "payment_search", null, AuditOutcome.Succeeded, $"{what}: {rows} rows");
        }
        catch (Application.Common.Persistence.DatabaseUnavailableException)
        {
            // The file is complete and its start is recorded: the row count is what is lost.
        }

        return new EmptyResult();
    }

    /// <summary>A CSV cell: quoted when needed, and never read as a formula by a spreadsheet (a leading = + - @ is escaped).</summary>
    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    private static string Describe(string? query) => string.IsNullOrEmpty(query) ? "all payments" : Uri.UnescapeDataString(query.TrimStart('?'));
}
