namespace LambdaFunctionOverHttps.Errors;

/// <summary>Caller input echoed in messages and logs, bounded so a megabyte of garbage is not sent back whole.</summary>
internal static class CallerText
{
    public const int MaxLength = 100;

    public static string Quote(string value) => value.Length <= MaxLength ? $"\"{value}\"" : $"\"{value[..MaxLength]}…\"";
}
