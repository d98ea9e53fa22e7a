using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Shield.IntegrationTests.Infrastructure;

namespace Shield.IntegrationTests.Fleet;

/// <summary>Listens to one host's Shield meter (its own IMeterFactory, so not the other host's) and counts what it records.</summary>
internal sealed class ShieldMeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, Dictionary<string, string?> Tags)> _recorded = [];

    public ShieldMeterRecorder(ShieldApp app)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory) && instrument.Meter.Name == "Shield")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument.Name, tags));
        _listener.Start();
    }

    /// <summary>How many measurements of the instrument carried all the given tags.</summary>
    public int Count(string instrument, params (string Key, string Value)[] tags)
    {
        lock (_recorded)
        {
            return _recorded.Count(r => r.Instrument == instrument && tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && v == t.Value));
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            values[key] = value?.ToString();
        }

        lock (_recorded)
        {
            _recorded.Add((instrument, values));
        }
    }
}
