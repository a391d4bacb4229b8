using System.Buffers.Binary;
using System.Globalization;
using LambdaFunctionOverHttps.Tests.Support;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.Packaging;

/// <summary>
/// Runs a program with <c>prefault_probe.c</c> preloaded, which records the program's madvise, mlock
/// and munlock calls (and can refuse MADV_POPULATE_WRITE as a kernel before 5.14 does), so the tests
/// see what the bootstrap's start-up prefault (LambdaFunctionOverHttps/Hosts/Native/prefault.c) asked of the kernel.
/// </summary>
internal sealed class PrefaultProbe : IDisposable
{
    public const int PopulateWrite = 23;

    private readonly string _folder;

    private PrefaultProbe(string folder) => _folder = folder;

    private string Library => Path.Combine(_folder, "prefault_probe.so");

    /// <summary>Compiles the probe with clang, which the packaging tests already need.</summary>
    public static async Task<PrefaultProbe> BuildAsync()
    {
        var probe = new PrefaultProbe(Directory.CreateTempSubdirectory("prefault-probe-").FullName);
        var source = RepositoryRoot.Combine("LambdaFunctionOverHttps.Tests", "EndToEnd", "Packaging", "prefault_probe.c");
        var compiled = await ProcessRunner.RunAsync("clang", ["-shared", "-fPIC", "-O2", "-Wall", "-Werror", "-o", probe.Library, source, "-ldl"]);
        if (compiled.ExitCode != 0)
        {
            throw new InvalidOperationException($"clang could not build the probe: {compiled.Stderr}");
        }

        return probe;
    }

    /// <param name="memlockKiB">Runs the program under <c>ulimit -l</c> of this many KiB.</param>
    public async Task<ProbedRun> RunAsync(
        string program, string[] arguments, IDictionary<string, string?> environment, string? stdin = null, bool refusePopulate = false, int? memlockKiB = null)
    {
        var log = Path.Combine(_folder, $"{Guid.NewGuid():N}.log");
        var probed = new Dictionary<string, string?>(environment)
        {
            ["LD_PRELOAD"] = Library,
            ["PREFAULT_PROBE_LOG"] = log,
            ["PREFAULT_PROBE_FAIL_POPULATE"] = refusePopulate ? "1" : null,
        };
        var result = memlockKiB is { } limit
            ? await ProcessRunner.RunAsync("sh", ["-c", $"ulimit -l {limit} && exec \"$0\" \"$@\"", program, .. arguments], probed, stdin)
            : await ProcessRunner.RunAsync(program, arguments, probed, stdin);
        var calls = File.Exists(log) ? File.ReadAllLines(log).Select(ProbedCall.Parse).ToList() : [];
        return new ProbedRun(result, calls);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Where the named sections of an ELF64 executable start and end, as offsets from its load address.</summary>
    public static (long Start, long End) SectionSpan(string elfFile, string first, string last)
    {
        var elf = File.ReadAllBytes(elfFile);
        var headers = checked((int)BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan(0x28)));
        var size = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3A));
        var count = BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3C));
        var names = Section(elf, headers + (size * BinaryPrimitives.ReadUInt16LittleEndian(elf.AsSpan(0x3E))));
        var sections = Enumerable.Range(0, count).Select(index => Section(elf, headers + (size * index))).ToList();
        string NameOf((int Name, long Address, long Offset, long Size) section)
        {
            var start = (int)names.Offset + section.Name;
            return System.Text.Encoding.ASCII.GetString(elf, start, Array.IndexOf(elf, (byte)0, start) - start);
        }

        var from = sections.Single(section => NameOf(section) == first);
        var to = sections.Single(section => NameOf(section) == last);
        return (from.Address, to.Address + to.Size);
    }

    private static (int Name, long Address, long Offset, long Size) Section(byte[] elf, int at) =>
        (BinaryPrimitives.ReadInt32LittleEndian(elf.AsSpan(at)), BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan(at + 0x10)),
            BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan(at + 0x18)), BinaryPrimitives.ReadInt64LittleEndian(elf.AsSpan(at + 0x20)));
}

internal sealed record ProbedRun(ProcessResult Result, IReadOnlyList<ProbedCall> Calls)
{
    public IReadOnlyList<ProbedCall> Populates => [.. Calls.Where(call => call.Function == "madvise" && call.Advice == PrefaultProbe.PopulateWrite)];

    public IReadOnlyList<ProbedCall> Locks => [.. Calls.Where(call => call.Function is "mlock" or "munlock")];
}

/// <summary>One call the probe recorded: the address as an offset from the executable's load address.</summary>
internal sealed record ProbedCall(string Function, int Advice, long Offset, long Length, int Result)
{
    public long End => Offset + Length;

    public static ProbedCall Parse(string line)
    {
        var fields = line.Split(' ');
        return new ProbedCall(fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture), Hex(fields[2]), Hex(fields[3]),
            int.Parse(fields[4], CultureInfo.InvariantCulture));
    }

    private static long Hex(string text) =>
        text == "0" ? 0 : long.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
}
