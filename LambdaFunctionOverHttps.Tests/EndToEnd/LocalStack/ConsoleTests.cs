using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using FluentAssertions;
using LambdaFunctionOverHttps.Tests.Support;
using Microsoft.Playwright;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>
/// The console in a real headless chromium, against a stack started as a developer starts it (with
/// an API key): what a newcomer does with it, and what it shows, with the API checked behind it.
/// </summary>
[Category("LocalStack")]
[Platform("Linux,MacOsX", Reason = "The stack is stopped with kill(1).")]
public class ConsoleTests
{
    private const string ApiKey = "console-test-key";
    private const string Table = "lambda-apigateway";

    // A second table, with a sort key, holding 60 items: paging, picking a table, learning its key.
    private const string PagedTable = "console-paged";
    private const int PagedItems = 60;

    private const string Digits38 = "12345678901234567890123456789012345678";
    private const string OtherDigits38 = "98765432109876543210987654321098765432";

    private LocalStackProcess _stack = null!;
    private StackHttp _api = null!;
    private ConsoleBrowser _browser = null!;

    private Uri ConsoleUrl => new(_stack.ApiUrl, "/");

    [OneTimeSetUp]
    public async Task StartStackAndBrowser()
    {
        _stack = await LocalStackProcess.StartAsync("--api-key", ApiKey);
        _api = new StackHttp(_stack.ApiUrl, ApiKey);
        using (var admin = new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = _stack.DynamoDbEndpoint.ToString(), AuthenticationRegion = "us-east-1" }))
        {
            await Dynalite.CreateTable(admin, PagedTable, sortKey: "n");
            foreach (var batch in Enumerable.Range(0, PagedItems).Chunk(25))
            {
                await admin.BatchWriteItemAsync(new BatchWriteItemRequest
                {
                    RequestItems = new()
                    {
                        [PagedTable] = [.. batch.Select(n => new WriteRequest(new PutRequest(new()
                        {
                            ["id"] = new AttributeValue { S = "paged" },
                            ["n"] = new AttributeValue { N = n.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                        })))],
                    },
                });
            }
        }

        _browser = await ConsoleBrowser.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopStackAndBrowser()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _api?.Dispose();
        if (_stack is not null)
        {
            await _stack.StopAsync();
            await _stack.DisposeAsync();
        }
    }

    [Test]
    public async Task The_console_loads_without_errors_offers_the_stacks_tables_and_axe_finds_nothing_serious()
    {
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey);

        await console.WaitForTableAsync(Table);
        var tables = await console.Page.Locator("#table option").AllTextContentsAsync();
        tables.Should().Contain([Table, PagedTable], "the stack has no allow-list, so dynalite's tables are listed");
        await Assertions.Expect(console.Page.Locator("#tables-note")).ToContainTextAsync("The tables DynamoDB lists");
        await console.ScreenshotAsync("console-1280x800");

        (await SeriousViolations(console)).Should().BeEmpty();
        await console.Button("New item").ClickAsync();
        (await SeriousViolations(console)).Should().BeEmpty("with the editor open too");
        console.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task Without_the_key_the_APIs_refusal_is_shown_and_the_key_given_in_Settings_is_kept_for_the_tab_only()
    {
        await using var console = await _browser.OpenAsync(ConsoleUrl, apiKey: null);

        await Assertions.Expect(console.Error).ToContainTextAsync("HTTP 403");
        await Assertions.Expect(console.Error).ToContainTextAsync("Forbidden");
        await Assertions.Expect(console.Error).ToContainTextAsync("set it in Settings");

        await console.Page.GetByText("Settings: API and key").ClickAsync();
        await console.Page.GetByLabel("API key").FillAsync(ApiKey);
        await console.Button("Save settings").ClickAsync();
        await console.WaitForTableAsync(Table);
        (await console.Page.EvaluateAsync<string>("() => sessionStorage.getItem('dynamodbmanager.apiKey')")).Should().Be(ApiKey);
        (await console.Page.EvaluateAsync<int>("() => localStorage.length")).Should().Be(0, "the key is never kept beyond the tab");

        await console.Page.ReloadAsync();
        await console.WaitForTableAsync(Table);
        await Assertions.Expect(console.Error).ToBeEmptyAsync();
    }

    [Test]
    public async Task An_item_with_a_38_digit_number_keeps_every_digit_after_a_reload_and_after_an_edit()
    {
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey);
        await console.WaitForTableAsync(Table);

        await console.Button("New item").ClickAsync();
        await console.Page.GetByLabel("The item as JSON").FillAsync(
            $$"""{"id": "exact-38", "big": {{Digits38}}, "pi": 3.1415926535897932384626433832795028841, "list": [{{Digits38}}]}""");
        await console.Button("Save").ClickAsync();
        await Assertions.Expect(console.Message).ToHaveTextAsync("Created the item id=exact-38.");

        await console.Page.ReloadAsync();
        await console.WaitForTableAsync(Table);
        await Assertions.Expect(console.Page.Locator("#items")).ToContainTextAsync(Digits38);
        await console.Button("Open item id=exact-38").ClickAsync();
        var editor = console.Page.GetByLabel("The item as JSON");
        (await editor.InputValueAsync()).Should().Contain($"\"big\": {Digits38}").And.Contain("3.1415926535897932384626433832795028841");

        await editor.FillAsync((await editor.InputValueAsync()).Replace($"\"big\": {Digits38}", $"\"big\": {OtherDigits38}", StringComparison.Ordinal));
        await console.Button("Save").ClickAsync();
        await Assertions.Expect(console.Message).ToHaveTextAsync("Saved the item id=exact-38.");
        await console.ScreenshotAsync("console-editor");

        var stored = await Read("exact-38");
        stored.Should().Contain($"\"big\":{OtherDigits38}").And.Contain($"\"list\":[{Digits38}]").And.Contain("\"pi\":3.1415926535897932384626433832795028841");
        console.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task A_change_made_meanwhile_by_someone_else_is_reported_and_not_overwritten()
    {
        await Post("""{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "contested", "count": 1, "tags": {"a": [1, null]}}}}""");
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey);
        await console.WaitForTableAsync(Table);
        await console.Button("Open item id=contested").ClickAsync();
        var editor = console.Page.GetByLabel("The item as JSON");
        await Assertions.Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"count\": 1"));

        await Post("""{"operation": "update", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "contested"}, "UpdateExpression": "SET #c = :c", "ExpressionAttributeNames": {"#c": "count"}, "ExpressionAttributeValues": {":c": 2}}}""");
        await editor.FillAsync("""{"id": "contested", "count": 10, "tags": {"a": [1, null]}}""");
        await console.Button("Save").ClickAsync();

        await Assertions.Expect(console.Error).ToContainTextAsync("Not saved: the item changed since you loaded it");
        (await Read("contested")).Should().Contain("\"count\":2", "the other writer's change stands");

        await console.Button("Reload").ClickAsync();
        await Assertions.Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"count\": 2"));
        await editor.FillAsync("""{"id": "contested", "count": 10, "tags": {"a": [1, null, "x"]}}""");
        await console.Button("Save").ClickAsync();
        await Assertions.Expect(console.Message).ToHaveTextAsync("Saved the item id=contested.");
        (await Read("contested")).Should().Contain("\"count\":10").And.Contain("\"tags\":{\"a\":[1,null,\"x\"]}");
    }

    [Test]
    public async Task Sixty_items_are_paged_through_filtered_and_queried_with_Count_and_ScannedCount_and_the_tables_key_is_learned()
    {
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey);
        await console.WaitForTableAsync(Table);
        await console.Page.GetByRole(AriaRole.Combobox, new() { Name = "Table", Exact = true }).SelectOptionAsync(PagedTable);

        var counts = console.Page.Locator("#counts");
        await Assertions.Expect(counts).ToHaveTextAsync("Page 1: Count 25, ScannedCount 25. There may be more: Next page.");
        (await console.Page.GetByLabel("Key attributes").InputValueAsync()).Split(", ").Should().BeEquivalentTo("id", "n");
        var seen = new List<string>(await SortKeys(console));
        await console.Button("Next page").ClickAsync();
        await Assertions.Expect(counts).ToHaveTextAsync("Page 2: Count 25, ScannedCount 25. There may be more: Next page.");
        seen.AddRange(await SortKeys(console));
        await console.Button("Next page").ClickAsync();
        await Assertions.Expect(counts).ToHaveTextAsync("Page 3: Count 10, ScannedCount 10. This is the last page.");
        seen.AddRange(await SortKeys(console));

        seen.Should().BeEquivalentTo(Enumerable.Range(0, PagedItems).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await Assertions.Expect(console.Button("Next page")).ToBeDisabledAsync();
        await console.Button("Previous page").ClickAsync();
        await Assertions.Expect(counts).ToContainTextAsync("Page 2: Count 25");

        await console.Page.GetByLabel("Filter (FilterExpression)").FillAsync("#n >= :min");
        await console.Page.GetByLabel("Names (ExpressionAttributeNames)").FillAsync("""{"#n": "n"}""");
        await console.Page.GetByLabel("Values (ExpressionAttributeValues)").FillAsync("""{":min": 20}""");
        await console.Button("Show items").ClickAsync();
        await Assertions.Expect(counts).ToHaveTextAsync("Page 1: Count 5, ScannedCount 25. There may be more: Next page.");

        // The same table read by query: one partition key, a sort-key range, newest first.
        await console.Page.GetByLabel("query (Query): the items of one partition key").CheckAsync();
        await console.Page.GetByLabel("Key condition (KeyConditionExpression)").FillAsync("id = :id AND #n BETWEEN :min AND :max");
        await console.Page.GetByLabel("Values (ExpressionAttributeValues)").FillAsync("""{":id": "paged", ":min": 10, ":max": 14}""");
        await console.Page.GetByLabel("Filter (FilterExpression)").FillAsync("");
        await console.Page.GetByLabel("Newest first (ScanIndexForward false)").CheckAsync();
        await console.Button("Show items").ClickAsync();
        await Assertions.Expect(counts).ToHaveTextAsync("Page 1: Count 5, ScannedCount 5. This is the last page.");
        (await SortKeys(console)).Should().Equal("14", "13", "12", "11", "10");
        await Assertions.Expect(console.ShownRequest.Locator("summary")).ToContainTextAsync("query: 200");
        console.Problems.Should().BeEmpty();
    }

    [Test]
    public async Task Delete_asks_first_keeps_the_item_when_told_no_and_removes_it_when_told_yes()
    {
        await Post("""{"operation": "create", "tableName": "lambda-apigateway", "payload": {"Item": {"id": "doomed", "n": 1}}}""");
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey);
        await console.WaitForTableAsync(Table);
        await console.Button("Open item id=doomed").ClickAsync();

        await console.Button("Delete…").ClickAsync();
        await Assertions.Expect(console.Page.Locator("#confirm-text")).ToHaveTextAsync("Delete the item id=doomed from lambda-apigateway? This cannot be undone.");
        await Assertions.Expect(console.Button("No, keep it")).ToBeFocusedAsync();
        await console.Button("No, keep it").ClickAsync();
        (await Read("doomed")).Should().Contain("\"Item\"");

        await console.Button("Delete…").ClickAsync();
        await console.Button("Yes, delete it").ClickAsync();
        await Assertions.Expect(console.Message).ToHaveTextAsync("Deleted the item id=doomed.");
        (await Read("doomed")).Should().NotContain("\"Item\"");
        await Assertions.Expect(console.Button("Open item id=doomed")).ToHaveCountAsync(0);
    }

    [Test]
    public async Task A_bad_request_shows_the_errorType_and_message_the_API_gave()
    {
        const string Envelope = """{"operation": "read", "tableName": "lambda-apigateway", "payload": {}}""";
        var direct = await _api.PostAsync(Envelope);
        direct.Status.Should().Be(HttpStatusCode.BadRequest);
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey);
        await console.WaitForTableAsync(Table);

        await console.Page.GetByRole(AriaRole.Combobox, new() { Name = "Operation", Exact = true }).SelectOptionAsync("read");
        await console.Page.GetByLabel("payload (JSON; empty for none)").FillAsync("{}");
        await console.Button("Send").ClickAsync();

        await Assertions.Expect(console.Error).ToContainTextAsync("InvalidRequest (HTTP 400)");
        await Assertions.Expect(console.Error).ToContainTextAsync(direct.Json.GetProperty("errorMessage").GetString()!);
        await Assertions.Expect(console.ShownRequest.Locator("summary")).ToContainTextAsync("read: 400");
        await console.ScreenshotAsync("console-error");

        await console.Page.GetByLabel("payload (JSON; empty for none)").FillAsync("{\"Key\": ");
        await console.Button("Send").ClickAsync();
        await Assertions.Expect(console.Error).ToContainTextAsync("The payload is not valid JSON");
    }

    [Test]
    public async Task The_curl_command_shown_for_a_request_does_the_same_when_run_in_a_shell()
    {
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey);
        await console.WaitForTableAsync(Table);
        await console.Page.GetByRole(AriaRole.Combobox, new() { Name = "Operation", Exact = true }).SelectOptionAsync("create");
        // Quotes, a dollar and a backquote: what a shell would otherwise take for itself.
        await console.Page.GetByLabel("payload (JSON; empty for none)").FillAsync(
            $$$"""{"Item": {"id": "from-curl", "text": "it's \"quoted\" $HOME `id` é", "big": {{{Digits38}}}}}""");
        await console.Button("Send").ClickAsync();
        await Assertions.Expect(console.ShownRequest.Locator("summary")).ToContainTextAsync("create: 200");
        var written = await Read("from-curl");
        await Post("""{"operation": "delete", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "from-curl"}}}""");

        var curl = await console.ShownRequest.Locator("pre.curl").TextContentAsync();
        curl.Should().Contain($"x-api-key: {ApiKey}");
        var run = await ProcessRunner.RunAsync("sh", ["-c", curl!], new Dictionary<string, string?> { ["NO_PROXY"] = "127.0.0.1", ["no_proxy"] = "127.0.0.1" });

        run.ExitCode.Should().Be(0, run.Stderr);
        run.Stdout.Should().Contain("\"HTTPStatusCode\":200");
        var again = await Read("from-curl");
        Item(again).Should().Be(Item(written)).And.Contain($"\"big\":{Digits38}").And.Contain("it's \\\"quoted\\\" $HOME `id` é");
    }

    [Test]
    public async Task The_keyboard_alone_reaches_New_item_types_an_item_and_saves_it_and_every_field_has_a_label()
    {
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey);
        await console.WaitForTableAsync(Table);

        for (var presses = 0; presses < 60 && await FocusedId(console) != "new-item"; presses++)
        {
            await console.Page.Keyboard.PressAsync("Tab");
        }

        (await FocusedId(console)).Should().Be("new-item", "Tab reaches the New item button");
        await console.Page.Keyboard.PressAsync("Enter");
        (await FocusedId(console)).Should().Be("item-json", "the editor takes the focus");
        await console.Page.Keyboard.PressAsync("Control+A");
        await console.Page.Keyboard.TypeAsync("""{"id": "by-keyboard", "n": 1}""");
        await console.Page.Keyboard.PressAsync("Tab");
        (await FocusedId(console)).Should().Be("save-item");
        await console.Page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(console.Message).ToHaveTextAsync("Created the item id=by-keyboard.");

        var unlabelled = await console.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('input, select, textarea')].filter(e => e.labels.length === 0 && !e.getAttribute('aria-label')).map(e => e.id)");
        unlabelled.Should().BeEmpty();
    }

    [TestCase(1280, 800)]
    [TestCase(390, 844)]
    public async Task The_console_fits_the_window_without_sideways_scrolling(int width, int height)
    {
        await using var console = await _browser.OpenAsync(ConsoleUrl, ApiKey, width, height);
        await console.WaitForTableAsync(Table);
        await console.Button("New item").ClickAsync();

        var overflow = await console.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

        overflow.Should().BeLessThanOrEqualTo(0);
        if (width < 800)
        {
            await console.ScreenshotAsync("console-narrow");
        }
    }

    private static async Task<IEnumerable<AxeResultItem>> SeriousViolations(ConsolePage console)
    {
        var result = await console.Page.RunAxe();
        return result.Violations.Where(violation => violation.Impact is "serious" or "critical");
    }

    private static Task<string?> FocusedId(ConsolePage console) => console.Page.EvaluateAsync<string?>("() => document.activeElement?.id");

    // The items table's column of the sort key n.
    private static async Task<IReadOnlyList<string>> SortKeys(ConsolePage console)
    {
        var headers = await console.Page.Locator("#items thead th").AllTextContentsAsync();
        var column = headers.ToList().IndexOf("n") + 1;
        column.Should().BePositive("the table shows its key attributes");
        return await console.Page.Locator($"#items tbody tr td:nth-child({column})").AllTextContentsAsync();
    }

    private static string Item(string readAnswer) =>
        readAnswer[..readAnswer.IndexOf(",\"ResponseMetadata\"", StringComparison.Ordinal)];

    private async Task Post(string envelope)
    {
        var response = await _api.PostAsync(envelope);
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
    }

    private async Task<string> Read(string id)
    {
        var response = await _api.PostAsync($$$"""{"operation": "read", "tableName": "lambda-apigateway", "payload": {"Key": {"id": "{{{id}}}"}, "ConsistentRead": true}}""");
        response.Status.Should().Be(HttpStatusCode.OK, response.Body);
        return response.Body;
    }
}
