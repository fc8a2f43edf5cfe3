// Command-line driver for the nanoFramework metadata processor's shared sources (see NanoMdp.csproj).
// It does what the upstream console does for "-parse X -compile Y.pe false -loadHints ...": parse the IL
// assembly, write the PE, minimize, write it again, plus the .pdbx beside it.
//
// Usage: NanoMdp <input.dll|exe> <output.pe> [--core-library] [--hint <assembly name> <file>]...

using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;
using Mono.Cecil;
using nanoFramework.Tools.MetadataProcessor;
using nanoFramework.Tools.MetadataProcessor.Core;

internal static class NanoMdp
{
    private static int Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: NanoMdp <input.dll|exe> <output.pe> [--core-library] [--hint <assembly name> <file>]...");
            return 2;
        }

        string input = args[0];
        string output = args[1];
        bool isCoreLibrary = false;
        var hints = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 2; i < args.Length; i++)
        {
            if (args[i] == "--core-library")
            {
                isCoreLibrary = true;
            }
            else if (args[i] == "--hint" && i + 2 < args.Length)
            {
                if (!File.Exists(args[i + 2]))
                {
                    Console.Error.WriteLine($"load hint for {args[i + 1]}: no file {args[i + 2]}");
                    return 2;
                }

                hints[args[i + 1]] = Path.GetFullPath(args[i + 2]);
                i += 2;
            }
            else
            {
                Console.Error.WriteLine($"unexpected argument '{args[i]}'");
                return 2;
            }
        }

        if (!File.Exists(input))
        {
            Console.Error.WriteLine($"no input assembly {input}");
            return 2;
        }

        var assembly = AssemblyDefinition.ReadAssembly(
            input, new ReaderParameters { AssemblyResolver = new LoadHintsAssemblyResolver(hints) });
        var builder = new nanoAssemblyBuilder(assembly, new List<string>(), false, isCoreLibrary);

        // The upstream console writes once before minimizing (the first write fills the tables).
        using (var scratch = new MemoryStream())
        using (var writer = new BinaryWriter(scratch))
        {
            builder.Write(nanoBinaryWriter.CreateLittleEndianBinaryWriter(writer));
        }

        builder.Minimize();

        using (var stream = File.Open(output, FileMode.Create, FileAccess.ReadWrite))
        using (var writer = new BinaryWriter(stream))
        {
            builder.Write(nanoBinaryWriter.CreateLittleEndianBinaryWriter(writer));
        }

        using (var writer = XmlWriter.Create(Path.ChangeExtension(output, "pdbx")))
        {
            builder.Write(writer);
        }

        Console.WriteLine($"{Path.GetFileName(input)} -> {output} ({new FileInfo(output).Length} bytes)");
        return 0;
    }
}
