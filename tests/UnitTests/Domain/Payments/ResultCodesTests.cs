using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

/// <summary>
/// ARCHITECTURE.md: "0 → Succeeded. 1032, 1031 → Cancelled. 1037, 1019 → Expired. 4999 still processing, every other
/// code → Failed" (REFERENCE.md §3.5), whatever whitespace surrounds the code.
/// </summary>
public sealed class ResultCodesTests
{
    public static TheoryData<string, StkOutcome> ReferenceResultCodes => new()
    {
        { "0", StkOutcome.Succeeded },
        { "4999", StkOutcome.StillProcessing },
        { "1032", StkOutcome.Cancelled },
        { "1031", StkOutcome.Cancelled },
        { "1037", StkOutcome.Expired },
        { "1019", StkOutcome.Expired },
        { "1", StkOutcome.Failed },
        { "2", StkOutcome.Failed },
        { "3", StkOutcome.Failed },
        { "4", StkOutcome.Failed },
        { "8", StkOutcome.Failed },
        { "17", StkOutcome.Failed },
        { "26", StkOutcome.Failed },
        { "1001", StkOutcome.Failed },
        { "1025", StkOutcome.Failed },
        { "1036", StkOutcome.Failed },
        { "1101", StkOutcome.Failed },
        { "2001", StkOutcome.Failed },
        { "2028", StkOutcome.Failed },
        { "2118", StkOutcome.Failed },
        { "8006", StkOutcome.Failed },
        { "9999", StkOutcome.Failed },
        { "SFC_IC0003", StkOutcome.Failed },
        { "E3008", StkOutcome.Failed },
    };

    [Theory]
    [MemberData(nameof(ReferenceResultCodes))]
    public void Classify_ReferenceCode_GivesItsOutcome(string resultCode, StkOutcome expected)
    {
        Assert.Equal(expected, ResultCodes.Classify(resultCode));
    }

    [Theory]
    [MemberData(nameof(ReferenceResultCodes))]
    public void Classify_ReferenceCodeWithSurroundingWhitespace_GivesTheSameOutcome(string resultCode, StkOutcome expected)
    {
        Assert.Equal(expected, ResultCodes.Classify($" {resultCode} "));
        Assert.Equal(expected, ResultCodes.Classify($"\t{resultCode}\r\n"));
    }

    [Theory]
    [InlineData("00")]      // not "0": a success is exactly zero
    [InlineData("0 0")]
    [InlineData("49990")]
    [InlineData("10320")]
    [InlineData("1033")]
    [InlineData("1038")]
    [InlineData("1018")]
    [InlineData("98765")]
    [InlineData("")]
    [InlineData("   ")]
    public void Classify_AnyOtherCode_IsFailed(string resultCode)
    {
        Assert.Equal(StkOutcome.Failed, ResultCodes.Classify(resultCode));
    }

    // Other code compares with these (a Transaction Status success, a query's "still processing"), not only Classify.
    [Fact]
    public void Constants_AreTheDocumentedCodes()
    {
        string[] constants = [ResultCodes.Success, ResultCodes.StillProcessing, ResultCodes.CancelledByUser, ResultCodes.CancelledByUserAlternate,
            ResultCodes.NoResponseFromUser, ResultCodes.TransactionExpired];

        Assert.Equal(["0", "4999", "1032", "1031", "1037", "1019"], constants);
    }
}
