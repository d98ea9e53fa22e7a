using FluentValidation.TestHelper;
using Shield.Application.Payments.ListPayments;
using Shield.Domain.Common;

namespace Shield.UnitTests.Application.Payments.ListPayments;

public sealed class ListPaymentsQueryValidatorTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private readonly ListPaymentsQueryValidator _validator = new();

    private static ListPaymentsQuery Query(int page = 1, int pageSize = 20, string? phone = null, string? reference = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(new ClientId("client-a"), null, phone, reference, from, to, page, pageSize);

    [Fact]
    public void Validate_EveryFilterGood_HasNoErrors()
    {
        _validator.TestValidate(Query(2, 100, "0708374149", "INV-001", Day, Day.AddDays(1))).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_NoFilters_HasNoErrors()
    {
        _validator.TestValidate(Query()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_PageBelowOne_NamesPage(int page)
    {
        _validator.TestValidate(Query(page: page)).ShouldHaveValidationErrorFor(q => q.Page).Only();
    }

    [Theory]
    [InlineData(int.MaxValue, 20)]
    [InlineData(107_374_184, 20)]
    [InlineData(21_474_838, 100)]
    [InlineData(int.MaxValue, 2)]
    public void Validate_PageWhoseOffsetDoesNotFit_NamesPage(int page, int size)
    {
        _validator.TestValidate(Query(page: page, pageSize: size)).ShouldHaveValidationErrorFor(q => q.Page).Only();
    }

    [Theory]
    [InlineData(107_374_183, 20)]
    [InlineData(21_474_837, 100)]
    [InlineData(int.MaxValue, 1)]
    public void Validate_LastPageWhoseOffsetFits_HasNoErrors(int page, int size)
    {
        _validator.TestValidate(Query(page: page, pageSize: size)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Validate_PageSizeOutOfRange_NamesPageSize(int size)
    {
        _validator.TestValidate(Query(pageSize: size)).ShouldHaveValidationErrorFor(q => q.PageSize).Only();
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("0808374149")]
    public void Validate_NotASafaricomNumber_NamesPhoneNumber(string phone)
    {
        _validator.TestValidate(Query(phone: phone)).ShouldHaveValidationErrorFor(q => q.PhoneNumber).Only();
    }

    [Fact]
    public void Validate_BadAccountReference_NamesAccountReference()
    {
        _validator.TestValidate(Query(reference: "INV_001;DROP")).ShouldHaveValidationErrorFor(q => q.AccountReference).Only();
    }

    [Fact]
    public void Validate_CreatedToBeforeCreatedFrom_NamesCreatedTo()
    {
        _validator.TestValidate(Query(from: Day, to: Day.AddSeconds(-1))).ShouldHaveValidationErrorFor(q => q.CreatedTo).Only();
    }

    [Fact]
    public void Validate_SameInstantForBothBounds_HasNoErrors()
    {
        _validator.TestValidate(Query(from: Day, to: Day)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(107_374_184, 20, 107_374_183)]
    [InlineData(21_474_838, 100, 21_474_837)]
    public void Validate_PageWhoseOffsetDoesNotFit_SaysWhichPageIsTheLast(int page, int size, int last)
    {
        _validator.TestValidate(Query(page: page, pageSize: size)).ShouldHaveValidationErrorFor(q => q.Page)
            .WithErrorMessage($"This page is beyond any list: with pageSize {size}, page is at most {last}.");
    }

    [Fact]
    public void Validate_OnlyCreatedFrom_HasNoErrors()
    {
        _validator.TestValidate(Query(from: Day)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_OnlyCreatedTo_HasNoErrors()
    {
        _validator.TestValidate(Query(to: Day)).ShouldNotHaveAnyValidationErrors();
    }
}
