namespace MeetSite.Signaling;

public readonly record struct MediaState(bool Mic, bool Cam, bool Screen);
