namespace GuidelineEngine.Records.Storage;

/// <summary>
/// An entry as a reader of the whole log needs it (<see cref="IRecordStore.ReadPayloads"/>): where it is, whose it is, and
/// its payload as the UTF-8 bytes the store holds, without turning them into text first.
/// </summary>
public sealed record EntryPayload(long Sequence, string RecordId, byte[] Payload);
