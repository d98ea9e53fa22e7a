using Shield.Application.Payments.Common;
using Shield.Domain.Payments;

namespace Shield.UnitTests.Application.Payments.Common;

public sealed class ReconciliationOptionsTests
{
    [Fact]
    public void Schedule_Defaults_IsTheDefaultSchedule()
    {
        Assert.Equal(ReconciliationSchedule.Default, new ReconciliationOptions().Schedule);
    }

    [Fact]
    public void Schedule_Configured_UsesTheConfiguredValues()
    {
        var options = new ReconciliationOptions
        {
            FirstQueryAfter = TimeSpan.FromSeconds(45),
            Interval = TimeSpan.FromSeconds(20),
            ExpireAfter = TimeSpan.FromMinutes(5),
        };

        Assert.Equal(new ReconciliationSchedule(TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(5)), options.Schedule);
    }

    [Fact]
    public void Enabled_NotConfigured_IsOn()
    {
        Assert.True(new ReconciliationOptions().Enabled); // lost callbacks are found without any setting
    }
}
