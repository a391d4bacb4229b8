using System.Text.RegularExpressions;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>
/// README.md and docs/*.md link to each other, to headings and to files of the repository. A link that
/// no longer resolves (a file moved, a heading reworded) fails here rather than in a reader's browser.
/// Links resolve as GitHub resolves them: relative to the linking file, and a #anchor against the
/// slugs of the target's headings. Links in fenced code blocks and code spans are not links; links
/// with a scheme (https:, mailto:) are not checked. Only ATX headings (# Title) are read.
/// </summary>
public partial class DocumentationLinkTests
{
    [Test]
    public void Every_relative_link_in_the_docs_resolves()
    {
        var documents = DocumentsUnder(RepositoryRoot.Path);

        var broken = BrokenLinks(RepositoryRoot.Path, documents);

        documents.Should().Contain(RepositoryRoot.Combine("README.md")).And.Contain(RepositoryRoot.Combine("docs", "contract.md"));
        broken.Should().BeEmpty("every relative link must name a file or folder that exists, and its #anchor a heading there; broken:{0}{1}",
            Environment.NewLine, string.Join(Environment.NewLine, broken));
    }

    [Test]
    public void The_README_has_relative_links_to_check()
    {
        var links = Links(File.ReadAllLines(RepositoryRoot.Combine("README.md"))).Where(link => !HasScheme().IsMatch(link.Target));

        // A parser that found no links would pass the test above with nothing checked.
        links.Should().Contain(link => link.Target.StartsWith("docs/", StringComparison.Ordinal) && !link.Target.Contains('#', StringComparison.Ordinal))
            .And.Contain(link => link.Target.StartsWith("docs/", StringComparison.Ordinal) && link.Target.Contains('#', StringComparison.Ordinal));
    }

    [Test]
    public void A_missing_file_or_folder_and_an_unknown_anchor_are_each_reported_with_the_linking_file_and_line()
    {
        var folder = Directory.CreateTempSubdirectory("doc-links-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "docs"));
            File.WriteAllText(Path.Combine(folder, "docs", "guide.md"), """
                # Guide

                ## Setting up

                ## Setting up

                Back to [the front](../README.md#front).
                """);
            File.WriteAllText(Path.Combine(folder, "README.md"), """
                # Front

                [ok](docs/guide.md) [ok](docs/guide.md#setting-up) [ok](docs/guide.md#setting-up-1) [ok](#front) [ok](docs/)
                [gone](docs/missing.md) and [bad anchor](docs/guide.md#nothing-here), [no folder](nowhere/), [here](#nope)
                [web](https://example.com/missing.md) [mail](mailto:someone@example.com)

                ```md
                [in a fence](fenced.md)
                ```

                `[in a code span](code.md)`
                """);

            var broken = BrokenLinks(folder, DocumentsUnder(folder));

            broken.Should().Equal(
                "README.md:4: [gone](docs/missing.md): no file or folder docs/missing.md",
                "README.md:4: [bad anchor](docs/guide.md#nothing-here): no heading with the slug nothing-here in docs/guide.md",
                "README.md:4: [no folder](nowhere/): no file or folder nowhere/",
                "README.md:4: [here](#nope): no heading with the slug nope in README.md");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestCase("Where this differs from the original, and why", "where-this-differs-from-the-original-and-why")]
    [TestCase("What the front answers itself, as API Gateway does", "what-the-front-answers-itself-as-api-gateway-does")]
    [TestCase("`create`", "create")]
    [TestCase("One command: deploy.sh", "one-command-deploysh")]
    [TestCase("Reliability and security, proven", "reliability-and-security-proven")]
    [TestCase("TABLE_NAME and ALLOWED_TABLES", "table_name-and-allowed_tables")]
    [TestCase("Cold invoke — AOT vs JIT", "cold-invoke--aot-vs-jit")]
    [TestCase("See [the contract](docs/contract.md) **first**", "see-the-contract-first")]
    public void A_heading_gets_GitHubs_slug(string heading, string slug)
    {
        HeadingSlugs([$"## {heading}"]).Should().Equal(slug);
    }

    [Test]
    public void Repeated_headings_get_numbered_slugs_and_headings_in_code_blocks_none()
    {
        string[] lines = ["# Errors", "## Errors", "```sh", "# a comment, not a heading", "```", "### Errors", "# Errors-1"];

        HeadingSlugs(lines).Should().Equal("errors", "errors-1", "errors-2", "errors-1-1");
    }

    private static List<string> DocumentsUnder(string root)
    {
        var docs = Path.Combine(root, "docs");
        var inDocs = Directory.Exists(docs) ? Directory.EnumerateFiles(docs, "*.md", SearchOption.AllDirectories) : [];
        return [Path.Combine(root, "README.md"), .. inDocs.Order(StringComparer.Ordinal)];
    }

    /// <summary>One line per broken link: the linking file (relative to the root) and line, the link, what is wrong.</summary>
    private static List<string> BrokenLinks(string root, IEnumerable<string> documents)
    {
        var slugsByFile = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var broken = new List<string>();
        foreach (var document in documents)
        {
            foreach (var link in Links(File.ReadAllLines(document)))
            {
                if (Problem(root, document, link.Target, slugsByFile) is { } problem)
                {
                    broken.Add($"{Relative(root, document)}:{link.Line}: [{link.Text}]({link.Target}): {problem}");
                }
            }
        }

        return broken;
    }

    private static string? Problem(string root, string document, string target, Dictionary<string, List<string>> slugsByFile)
    {
        if (HasScheme().IsMatch(target))
        {
            return null;
        }

        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        path = Uri.UnescapeDataString(query < 0 ? path : path[..query]);

        // As on GitHub: no path is the linking file itself, a leading slash is the repository's root.
        var resolved = path.Length == 0 ? document
            : Path.GetFullPath(Path.Combine(path.StartsWith('/') ? root : Path.GetDirectoryName(document)!, path.TrimStart('/')));
        if (!resolved.StartsWith(Path.GetFullPath(root), StringComparison.Ordinal))
        {
            return $"{path} is outside the repository";
        }

        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return $"no file or folder {Relative(root, resolved)}";
        }

        if (anchor is null || !File.Exists(resolved) || !resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!slugsByFile.TryGetValue(resolved, out var slugs))
        {
            slugs = HeadingSlugs(File.ReadAllLines(resolved));
            slugsByFile[resolved] = slugs;
        }

        return slugs.Contains(anchor, StringComparer.Ordinal) ? null : $"no heading with the slug {anchor} in {Relative(root, resolved)}";
    }

    private sealed record Link(int Line, string Text, string Target);

    /// <summary>Inline links and images, and reference definitions, outside fenced code blocks and code spans.</summary>
    private static List<Link> Links(string[] lines)
    {
        var links = new List<Link>();
        var fence = new CodeFence();
        for (var i = 0; i < lines.Length; i++)
        {
            if (fence.Skips(lines[i]))
            {
                continue;
            }

            var codeSpans = CodeSpan().Matches(lines[i]).Select(span => (Start: span.Index, End: span.Index + span.Length)).ToList();
            foreach (Match match in InlineLink().Matches(lines[i]))
            {
                if (!codeSpans.Any(span => match.Index >= span.Start && match.Index < span.End))
                {
                    links.Add(new Link(i + 1, match.Groups["text"].Value, match.Groups["target"].Value));
                }
            }

            if (ReferenceDefinition().Match(lines[i]) is { Success: true } definition)
            {
                links.Add(new Link(i + 1, definition.Groups["label"].Value, definition.Groups["target"].Value));
            }
        }

        return links;
    }

    /// <summary>
    /// The anchors GitHub gives the headings, in order: the heading's text lower-cased, without the
    /// characters that are not letters, digits, spaces, hyphens or underscores, spaces turned into
    /// hyphens; a slug already taken gets -1, -2… (github-slugger's rule).
    /// </summary>
    private static List<string> HeadingSlugs(IReadOnlyList<string> lines)
    {
        var slugs = new List<string>();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var fence = new CodeFence();
        foreach (var line in lines)
        {
            if (fence.Skips(line) || AtxHeading().Match(line) is not { Success: true } heading)
            {
                continue;
            }

            var slug = Slug(heading.Groups["text"].Value);
            var unique = slug;
            while (occurrences.ContainsKey(unique))
            {
                occurrences[slug]++;
                unique = $"{slug}-{occurrences[slug]}";
            }

            occurrences[unique] = 0;
            slugs.Add(unique);
        }

        return slugs;
    }

    private static string Slug(string heading)
    {
        // The text GitHub renders: a link's text without its target, no code or emphasis markers, no HTML tags.
        var text = HtmlTag().Replace(InlineLink().Replace(heading, link => link.Groups["text"].Value), "").Replace("`", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal);
        var kept = text.Trim().ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_');
        return string.Concat(kept).Replace(' ', '-');
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    /// <summary>Tracks fenced code blocks (``` or ~~~, closed by a fence of the same kind at least as long).</summary>
    private sealed class CodeFence
    {
        private string? _open;

        /// <summary>Whether the line is a fence or inside a fenced block, and so holds no links or headings.</summary>
        public bool Skips(string line)
        {
            var fence = FenceLine().Match(line);
            if (_open is null)
            {
                if (fence.Success)
                {
                    _open = fence.Groups["fence"].Value;
                    return true;
                }

                return false;
            }

            if (fence.Success && fence.Groups["fence"].Value[0] == _open[0] && fence.Groups["fence"].Length >= _open.Length
                && fence.Groups["info"].Value.Trim().Length == 0)
            {
                _open = null;
            }

            return true;
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex HasScheme();

    // [text](target) or ![alt](target), with an optional "title"; the text may hold one level of [brackets].
    [GeneratedRegex("""!?\[(?<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?<target>[^()\s]*)(?:\s+(?:"[^"]*"|'[^']*'))?\)""")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[(?<label>[^\]^][^\]]*)\]:\s*<?(?<target>[^\s>]+)>?")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"(?<!`)(?<ticks>`+)(?!`).*?(?<!`)\k<ticks>(?!`)")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^ {0,3}#{1,6}(?:[ \t]+(?<text>.*?))?(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex AtxHeading();

    [GeneratedRegex(@"^ {0,3}(?<fence>`{3,}|~{3,})(?<info>.*)$")]
    private static partial Regex FenceLine();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex HtmlTag();
}
