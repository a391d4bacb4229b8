using System.Reflection;

namespace DynamoDbManager.Local.Dynalite;

/// <summary>Where the build installed the pinned npm tools (deploy/local/node_modules).</summary>
internal static class DevTools
{
    /// <summary>deploy/local, recorded at build time so the stack finds it from any working directory.</summary>
    public static string Directory { get; } = typeof(DevTools).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "DevToolsDirectory").Value!;

    public static string NodeModules => Path.Combine(Directory, "node_modules");

    /// <summary>Our launcher for dynalite, run from the source tree beside the node_modules it loads.</summary>
    public static string Launcher => Path.Combine(Directory, "Dynalite", "launch-dynalite.js");
}
