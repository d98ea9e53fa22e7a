using Microsoft.AspNetCore.Mvc;
using Shield.Application.Payments.Contracts;
using Shield.Domain.Payments;
using Shield.WebApi.OperatorConsole.Display;

namespace Shield.WebApi.OperatorConsole.Pages.Payments;

/// <summary>The payments search, as typed (dates are East African days), bound from the query string.</summary>
public sealed class PaymentSearchForm
{
    [FromQuery(Name = "phone")]
    public string? Phone { get; set; }

    [FromQuery(Name = "receipt")]
    public string? Receipt { get; set; }

    [FromQuery(Name = "reference")]
    public string? Reference { get; set; }

    [FromQuery(Name = "id")]
    public string? Id { get; set; }

    [FromQuery(Name = "status")]
    public PaymentStatus? Status { get; set; }

    [FromQuery(Name = "client")]
    public string? Client { get; set; }

    [FromQuery(Name = "from")]
    public DateOnly? From { get; set; }

    [FromQuery(Name = "to")]
    public DateOnly? To { get; set; }

    /// <summary>What is wrong with the search, or null.</summary>
    public string? Problem =>
        Phone is { Length: > 0 } phone && !Msisdn.IsValid(phone) ? "That phone number is not a Kenyan mobile number (07.., 01.., 2547.., +2547..)."
        : Id is { Length: > 0 } id && !Guid.TryParse(id, out _) ? "A payment id looks like 0193a2b4-...: 32 hexadecimal digits."
        : From > To ? "The end date is before the start date."
        : null;

    public PaymentSearchCriteria Criteria() => new(
        Blank(Phone), Blank(Receipt)?.ToUpperInvariant(), Blank(Reference), Guid.TryParse(Id, out var id) ? id : null, Status, Blank(Client),
        ConsoleText.DayStart(From), ConsoleText.DayEnd(To));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
