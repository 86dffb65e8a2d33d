namespace MeetSite.Signaling;

// Meeting controls (protocol 2, docs/signaling.md). Each names its target by participant id; the relay
// decides who may send it, and stamps who did.

internal sealed record AdmitMessage(string Id) : ClientMessage("admit");

internal sealed record AdmitAllMessage() : ClientMessage("admit-all");

internal sealed record DenyMessage(string Id) : ClientMessage("deny");

internal sealed record MuteMessage(string Id) : ClientMessage("mute");

internal sealed record MuteAllMessage() : ClientMessage("mute-all");

internal sealed record RemoveMessage(string Id) : ClientMessage("remove");

internal sealed record CoHostMessage(string Id, bool On) : ClientMessage("cohost");

/// <summary>Raises or lowers the sender's hand, or (a host's <c>raised: false</c> with <paramref name="Id"/>) lowers another's.</summary>
internal sealed record HandMessage(bool Raised, string? Id) : ClientMessage("hand");

/// <summary>Either setting may be left out (unchanged); at least one is given.</summary>
internal sealed record SettingsMessage(bool? Locked, bool? WaitingRoom) : ClientMessage("settings");

internal sealed record EndMessage() : ClientMessage("end");
