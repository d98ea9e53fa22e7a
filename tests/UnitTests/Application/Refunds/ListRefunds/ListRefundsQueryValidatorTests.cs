using FluentValidation.TestHelper;
using Shield.Application.Refunds.ListRefunds;
using Shield.Domain.Refunds;
using Shield.UnitTests.TestSupport;

namespace Shield.UnitTests.Application.Refunds.ListRefunds;

public sealed class ListRefundsQueryValidatorTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);
    private readonly ListRefundsQueryValidator _validator = new();

    private static ListRefundsQuery Query(int page = 1, int pageSize = 20, DateTimeOffset? from = null, DateTimeOffset? to = null) =>
        new(TestRefunds.Client, null, null, from, to, page, pageSize);

    [Fact]
    public void Validate_EveryFilterGood_HasNoErrors()
    {
        _validator.TestValidate(new ListRefundsQuery(TestRefunds.Client, TestRefunds.PaymentId.Value, RefundStatus.Unknown, Day, Day.AddDays(1), 2, 100))
            .ShouldNotHaveAnyValidationErrors();
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
    [InlineData(21_474_838, 100)]
    public void Validate_PageWhoseOffsetDoesNotFit_NamesPage(int page, int size)
    {
        _validator.TestValidate(Query(page: page, pageSize: size)).ShouldHaveValidationErrorFor(q => q.Page).Only();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Validate_PageSizeInRange_HasNoErrors(int size)
    {
        _validator.TestValidate(Query(pageSize: size)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Validate_PageSizeOutOfRange_NamesPageSize(int size)
    {
        _validator.TestValidate(Query(pageSize: size)).ShouldHaveValidationErrorFor(q => q.PageSize).Only();
    }

    [Fact]
    public void Validate_CreatedToBeforeCreatedFrom_NamesCreatedTo()
    {
        _validator.TestValidate(Query(from: Day, to: Day.AddTicks(-1))).ShouldHaveValidationErrorFor(q => q.CreatedTo).Only()
            .WithErrorMessage("createdTo must not be before createdFrom.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Validate_CreatedToAtOrAfterCreatedFrom_HasNoErrors(int days)
    {
        _validator.TestValidate(Query(from: Day, to: Day.AddDays(days))).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_OnlyOneDateBound_HasNoErrors()
    {
        _validator.TestValidate(Query(from: Day)).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(Query(to: Day)).ShouldNotHaveAnyValidationErrors();
    }
}
