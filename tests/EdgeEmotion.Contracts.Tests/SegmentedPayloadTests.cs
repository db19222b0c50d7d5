using System.Buffers;

namespace EdgeEmotion.Contracts.Tests;

/// <summary>MQTTnet hands a payload over as a <see cref="ReadOnlySequence{T}"/>, which may come in
/// several segments: read as is, it gives what the same bytes in one piece give.</summary>
public sealed class SegmentedPayloadTests
{
    [Fact]
    public void A_payload_in_two_segments_reads_as_in_one()
    {
        var bytes = GoldenPayloads.Read("visits-site.json");
        var split = InTwo(bytes);
        Assert.False(split.IsSingleSegment);
        var whole = VisitMessage.Read(bytes);
        var pieces = VisitMessage.Read(split);
        Assert.Equal((whole.Seq, whole.End, whole.Site), (pieces.Seq, pieces.End, pieces.Site));
        Assert.Equal(whole.EmotionSeconds, pieces.EmotionSeconds);
        Assert.Equal(DeviceStatus.Offline, StatusPayload.Read(InTwo(GoldenPayloads.Read("status-offline.txt"))));
    }

    private static ReadOnlySequence<byte> InTwo(byte[] bytes)
    {
        var first = new Segment(bytes.AsMemory(0, bytes.Length / 2), 0);
        var second = new Segment(bytes.AsMemory(bytes.Length / 2), bytes.Length / 2);
        first.SetNext(second);
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public void SetNext(Segment next) => Next = next;
    }
}
