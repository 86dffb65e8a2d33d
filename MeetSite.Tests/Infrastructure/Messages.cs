namespace MeetSite.Tests.Infrastructure;

/// <summary>Client messages as raw JSON text, so tests can also send what a serializer never would.</summary>
public static class Messages
{
    public static string Join(string name) => $$"""{"type":"join","name":"{{name}}"}""";

    /// <summary>A join in protocol 2, which may be answered with <c>waiting</c> (meeting controls).</summary>
    public const string Join2 = """{"type":"join","protocol":2}""";

    /// <summary>A meeting control aimed at one participant: admit, deny, mute, remove.</summary>
    public static string Control(string type, string id) => $$"""{"type":"{{type}}","id":"{{id}}"}""";

    public static string CoHost(string id, bool on) => $$"""{"type":"cohost","id":"{{id}}","on":{{(on ? "true" : "false")}}}""";

    public static string Hand(bool raised) => $$"""{"type":"hand","raised":{{(raised ? "true" : "false")}}}""";

    public static string Settings(string fields) => $$"""{"type":"settings",{{fields}}}""";

    public static string Resume(string name, string id, string token, long lastSeq) =>
        $$$"""{"type":"join","name":"{{{name}}}","resume":{"id":"{{{id}}}","token":"{{{token}}}","lastSeq":{{{lastSeq}}}}}""";

    public static string Signal(string to, string dataJson) => "{\"type\":\"signal\",\"to\":\"" + to + "\",\"data\":" + dataJson + "}";

    public static string Chat(string text) => $$"""{"type":"chat","text":"{{text}}"}""";

    public const string Leave = """{"type":"leave"}""";

    public static string Ack(long seq) => $$"""{"type":"ack","seq":{{seq}}}""";
}
