using FluentValidation.TestHelper;
using Microsoft.Extensions.Options;
using Shield.Application.Payments.Common;
using Shield.Application.Payments.InitiatePayment;
using Shield.Domain.Common;

namespace Shield.UnitTests.Application.Payments.InitiatePayment;

public sealed class InitiatePaymentCommandValidatorTests
{
    private readonly InitiatePaymentCommandValidator _validator = new(Options.Create(new PaymentOptions()));

    private static InitiatePaymentCommand Command(string? phone = "0708374149", decimal? amount = 100, string? reference = "INV-001",
        string? description = "Shield plan", string? idempotencyKey = null) =>
        new(new ClientId("client-a"), phone, amount, reference, description, idempotencyKey);

    [Fact]
    public void Validate_GoodCommand_HasNoErrors()
    {
        _validator.TestValidate(Command()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("0708374149")]
    [InlineData("708374149")]
    [InlineData("+254708374149")]
    [InlineData("254708374149")]
    [InlineData("0708 374 149")]
    [InlineData("0708-374-149")]
    [InlineData("0110000001")]
    public void Validate_AcceptedPhoneFormat_HasNoPhoneError(string phone)
    {
        _validator.TestValidate(Command(phone: phone)).ShouldNotHaveValidationErrorFor(c => c.PhoneNumber);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0812345678")]
    [InlineData("255708374149")]
    [InlineData("+0708374149")]
    [InlineData("07083741")]
    [InlineData("phone")]
    public void Validate_BadPhone_IsErrorNamingPhoneNumber(string? phone)
    {
        _validator.TestValidate(Command(phone: phone))
            .ShouldHaveValidationErrorFor(c => c.PhoneNumber)
            .Only();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10.5")]
    [InlineData("250001")]
    [InlineData("-5")]
    public void Validate_BadAmount_IsErrorNamingAmount(string amount)
    {
        _validator.TestValidate(Command(amount: decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)))
            .ShouldHaveValidationErrorFor(c => c.Amount)
            .Only();
    }

    [Fact]
    public void Validate_MissingAmount_IsErrorNamingAmount()
    {
        _validator.TestValidate(Command(amount: null))
            .ShouldHaveValidationErrorFor(c => c.Amount)
            .WithErrorMessage("An amount is required.");
    }

    [Fact]
    public void Validate_FractionalAmount_SaysWholeShillings()
    {
        _validator.TestValidate(Command(amount: 10.5m))
            .ShouldHaveValidationErrorFor(c => c.Amount)
            .WithErrorMessage("The amount must be a whole number of KES.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(250_000)]
    public void Validate_DarajaLimitsByDefault_AreAccepted(int amount)
    {
        _validator.TestValidate(Command(amount: amount)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void Validate_ConfiguredLimits_AreEnforced(int amount, bool valid)
    {
        var validator = new InitiatePaymentCommandValidator(Options.Create(new PaymentOptions { MinAmount = 10, MaxAmount = 1000 }));

        var result = validator.TestValidate(Command(amount: amount));

        if (valid)
        {
            result.ShouldNotHaveValidationErrorFor(c => c.Amount);
        }
        else
        {
            result.ShouldHaveValidationErrorFor(c => c.Amount).WithErrorMessage("The amount must be from KES 10 to KES 1000.");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABCDEFGHIJKLM")]
    [InlineData("INV@1")]
    public void Validate_BadAccountReference_IsErrorNamingAccountReference(string? reference)
    {
        _validator.TestValidate(Command(reference: reference))
            .ShouldHaveValidationErrorFor(c => c.AccountReference)
            .Only();
    }

    [Fact]
    public void Validate_NoDescription_IsAllowed()
    {
        _validator.TestValidate(Command(description: null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Monthly-123456")]
    [InlineData("Plan#1")]
    public void Validate_BadDescription_IsErrorNamingDescription(string description)
    {
        _validator.TestValidate(Command(description: description))
            .ShouldHaveValidationErrorFor(c => c.Description)
            .Only();
    }

    public static TheoryData<string> GoodIdempotencyKeys => new()
    {
        "k",
        "3f0c8a5e-4b1d-4c8e-9a7f-2d6b1e0c9f4a",
        " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~", // every printable ASCII character
        new string('k', InitiatePaymentCommandValidator.MaxIdempotencyKeyLength), // 255: the longest
    };

    public static TheoryData<string> BadIdempotencyKeys => new()
    {
        string.Empty,
        new string('k', InitiatePaymentCommandValidator.MaxIdempotencyKeyLength + 1), // 256
        "key\u00001",
        "key\t1",
        "key\u007f1", // DEL
        "cl\u00e9", // not ASCII
        "key-1\nkey-1", // the header sent twice, joined with a newline
        "key-1\r\nkey-2",
    };

    [Fact]
    public void Validate_NoIdempotencyKey_IsAllowed()
    {
        _validator.TestValidate(Command(idempotencyKey: null)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [MemberData(nameof(GoodIdempotencyKeys))]
    public void Validate_PrintableIdempotencyKeyUpTo255_IsAccepted(string key)
    {
        _validator.TestValidate(Command(idempotencyKey: key)).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [MemberData(nameof(BadIdempotencyKeys))]
    public void Validate_EmptyOverlongOrNonPrintableIdempotencyKey_IsErrorNamingIt(string key)
    {
        _validator.TestValidate(Command(idempotencyKey: key))
            .ShouldHaveValidationErrorFor(c => c.IdempotencyKey)
            .WithErrorMessage("The Idempotency-Key header is 1 to 255 printable ASCII characters.")
            .Only();
    }

    [Fact]
    public void Validate_BlankPhoneNumber_SaysItIsRequired()
    {
        _validator.TestValidate(Command(phone: ""))
            .ShouldHaveValidationErrorFor(c => c.PhoneNumber)
            .WithErrorMessage("A phone number is required.");
    }

    [Fact]
    public void Validate_WrongPhoneNumber_SaysWhichFormsAreAccepted()
    {
        _validator.TestValidate(Command(phone: "0812345678"))
            .ShouldHaveValidationErrorFor(c => c.PhoneNumber)
            .WithErrorMessage("Use a Safaricom number such as 0712345678 or 254712345678.");
    }

    [Fact]
    public void Validate_BadDescription_SaysWhatADescriptionIs()
    {
        _validator.TestValidate(Command(description: "Plan#1"))
            .ShouldHaveValidationErrorFor(c => c.Description)
            .WithErrorMessage("The description is 1 to 13 letters, digits, spaces or dashes.");
    }

    [Fact]
    public void Validate_BadAccountReference_SaysWhatAReferenceIs()
    {
        _validator.TestValidate(Command(reference: "INV@1"))
            .ShouldHaveValidationErrorFor(c => c.AccountReference)
            .WithErrorMessage("The account reference is 1 to 12 letters, digits, spaces or dashes.");
    }

    [Fact]
    public void Constructor_NoOptions_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new InitiatePaymentCommandValidator(null!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("KES")]
    public void Validate_CurrencyOmittedOrKes_HasNoCurrencyError(string? currency)
    {
        _validator.TestValidate(Command() with { Currency = currency }).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData("USD")]
    [InlineData("kes")]
    [InlineData("")]
    public void Validate_CurrencyOtherThanKes_NamesCurrencyAndSaysMpesaCollectsShillingsOnly(string currency)
    {
        _validator.TestValidate(Command() with { Currency = currency }).ShouldHaveValidationErrorFor(c => c.Currency).Only()
            .WithErrorMessage("The currency must be KES: M-Pesa collects Kenyan shillings only.");
    }
}
