using System.Threading.Channels;

namespace Shield.DarajaSimulator.Callbacks;

/// <summary>Hands accepted pushes from the STK endpoint to <see cref="CallbackDispatcher"/>.</summary>
internal sealed class CallbackQueue
{
    private readonly Channel<ScheduledCallback> _channel =
        Channel.CreateUnbounded<ScheduledCallback>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<ScheduledCallback> Reader => _channel.Reader;

    /// <summary>Queues a callback; false only once the dispatcher has stopped.</summary>
    public bool Enqueue(ScheduledCallback callback) => _channel.Writer.TryWrite(callback);
}
