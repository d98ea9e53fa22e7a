using System.Text;

namespace Shield.IntegrationTests.Observability;

/// <summary>
/// A protobuf message read generically (the wire format only: field numbers, varints and length-delimited bytes), enough
/// to walk OTLP's requests by field number without their generated classes. Fixed 32/64-bit fields are kept as bytes.
/// </summary>
public sealed class ProtoMessage
{
    private readonly List<(int Field, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes)> _fields = [];

    private ProtoMessage()
    {
    }

    public static ProtoMessage Parse(ReadOnlyMemory<byte> data)
    {
        var message = new ProtoMessage();
        var span = data.Span;
        var position = 0;
        while (position < span.Length)
        {
            var key = ReadVarint(span, ref position);
            var field = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    message._fields.Add((field, wireType, ReadVarint(span, ref position), ReadOnlyMemory<byte>.Empty));
                    break;
                case 1:
                    message._fields.Add((field, wireType, 0, data.Slice(position, 8)));
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(span, ref position);
                    message._fields.Add((field, wireType, 0, data.Slice(position, length)));
                    position += length;
                    break;
                case 5:
                    message._fields.Add((field, wireType, 0, data.Slice(position, 4)));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Wire type {wireType} at byte {position} is not one OTLP uses.");
            }
        }

        return message;
    }

    /// <summary>Every embedded message in <paramref name="field"/>.</summary>
    public IEnumerable<ProtoMessage> Messages(int field) => _fields.Where(f => f.Field == field && f.WireType == 2).Select(f => Parse(f.Bytes));

    public ProtoMessage? Message(int field) => Messages(field).FirstOrDefault();

    public string? Text(int field) => _fields.Where(f => f.Field == field && f.WireType == 2).Select(f => Encoding.UTF8.GetString(f.Bytes.Span)).FirstOrDefault();

    public byte[]? Bytes(int field) => _fields.Where(f => f.Field == field && f.WireType == 2).Select(f => f.Bytes.ToArray()).FirstOrDefault();

    public ulong? Varint(int field) => _fields.Where(f => f.Field == field && f.WireType == 0).Select(f => (ulong?)f.Varint).FirstOrDefault();

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A varint longer than 10 bytes.");
    }
}
