namespace EdgeEmotion.Contracts;

/// <summary>The retained <c>status</c> topic: <c>online</c> after connecting, <c>offline</c> as the
/// last will and on a clean stop. Plain text, not JSON.</summary>
public enum DeviceStatus
{
    Online,
    Offline,
}
