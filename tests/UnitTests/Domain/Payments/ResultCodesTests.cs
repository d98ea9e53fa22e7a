using Shield.Domain.Payments;

namespace Shield.UnitTests.Domain.Payments;

public sealed class ResultCodesTests
{
    [Theory]
    [InlineData("0", StkOutcome.Succeeded)]
    [InlineData(" 0 ", StkOutcome.Succeeded)]
    [InlineData("4999", StkOutcome.StillProcessing)]
    [InlineData("1032", StkOutcome.Cancelled)]
    [InlineData("1031", StkOutcome.Cancelled)]
    [InlineData("1037", StkOutcome.Expired)]
    [InlineData("1019", StkOutcome.Expired)]
    [InlineData("1", StkOutcome.Failed)]
    [InlineData("2001", StkOutcome.Failed)]
    [InlineData("1001", StkOutcome.Failed)]
    [InlineData("SFC_IC0003", StkOutcome.Failed)]
    [InlineData("E3008", StkOutcome.Failed)]
    [InlineData("00", StkOutcome.Failed)]
    [InlineData("98765", StkOutcome.Failed)]
    public void Classify_ResultCode_GivesOutcome(string resultCode, StkOutcome expected)
    {
        Assert.Equal(expected, ResultCodes.Classify(resultCode));
    }
}
