using System.Text.Json;

namespace MeetSite.Signaling;

/// <summary>A meeting's live state as a welcome shows it.</summary>
internal sealed record MeetingState(bool Locked, bool WaitingRoom, IReadOnlyList<string> Hands);

/// <summary>The meeting-control messages of protocol 2 (docs/signaling.md).</summary>
internal static partial class ServerMessages
{
    /// <summary>To someone asking to join: who they are, and whether a host is there to let them in.</summary>
    public static byte[] Waiting(Participant you, bool hostPresent) =>
        Build((you, hostPresent), static (w, s) =>
        {
            w.WriteStartObject("you");
            w.WriteString("id", s.you.Id);
            w.WriteString("name", s.you.Name);
            w.WriteEndObject();
            w.WriteBoolean("hostPresent", s.hostPresent);
        }, "waiting");

    /// <summary>To hosts and co-hosts: everyone waiting, in the order they asked.</summary>
    public static byte[] WaitingRoom(IReadOnlyList<Participant> waiting) =>
        Build(waiting, static (w, waiting) =>
        {
            w.WriteStartArray("people");
            foreach (var person in waiting)
            {
                w.WriteStartObject();
                w.WriteString("id", person.Id);
                w.WriteString("name", person.Name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }, "waiting-room");

    public static byte[] Denied(int asksLeft) => Build(asksLeft, static (w, left) => w.WriteNumber("asksLeft", left), "denied");

    public static byte[] Hands(IReadOnlyList<string> queue) => Build(queue, static (w, q) => WriteIds(w, "queue", q), "hands");

    public static byte[] Role(string id, ParticipantRole role) =>
        Build((id, role), static (w, s) =>
        {
            w.WriteString("id", s.id);
            w.WriteString("role", RoleName(s.role));
        }, "role");

    public static byte[] Settings(bool locked, bool waitingRoom) =>
        Build((locked, waitingRoom), static (w, s) =>
        {
            w.WriteBoolean("locked", s.locked);
            w.WriteBoolean("waitingRoom", s.waitingRoom);
        }, "settings");

    /// <summary><c>muted</c>, <c>removed</c> or <c>ended</c>: something a host did to this participant, and who.</summary>
    public static byte[] ByHost(string type, string byName) => Build(byName, static (w, by) => w.WriteString("by", by), type);

    private static string RoleName(ParticipantRole role) => role switch
    {
        ParticipantRole.Host => "host",
        ParticipantRole.CoHost => "cohost",
        _ => "guest",
    };

    private static void WriteSettings(Utf8JsonWriter w, string name, bool locked, bool waitingRoom)
    {
        w.WriteStartObject(name);
        w.WriteBoolean("locked", locked);
        w.WriteBoolean("waitingRoom", waitingRoom);
        w.WriteEndObject();
    }

    private static void WriteIds(Utf8JsonWriter w, string name, IReadOnlyList<string> ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids)
        {
            w.WriteStringValue(id);
        }
        w.WriteEndArray();
    }
}
