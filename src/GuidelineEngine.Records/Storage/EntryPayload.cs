namespace GuidelineEngine.Records.Storage;

/// <summary>
/// An entry as a reader of many entries needs it (<see cref="IRecordStore.ReadUnderivedSubmissions"/>): where it is, whose it is, and
/// its payload as the UTF-8 bytes the store holds, without turning them into text first.
/// </summary>
public sealed record EntryPayload(long Sequence, string RecordId, byte[] Payload);
