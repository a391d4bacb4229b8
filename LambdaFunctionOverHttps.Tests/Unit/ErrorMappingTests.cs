using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using FluentAssertions;
using LambdaFunctionOverHttps.Errors;
using LambdaFunctionOverHttps.Tests.Support;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.Unit;

/// <summary>DynamoDB's answers and failures, as the SDK raises them, mapped to what the caller sees.</summary>
/// <remarks>Each test has its own function; side by side, the SDK's retry back-offs they wait out do not add up.</remarks>
[Parallelizable(ParallelScope.All)]
public class ErrorMappingTests
{
    private const string Read = """{"operation":"read","tableName":"lambda-apigateway","payload":{"Key":{"id":"a"}}}""";

    [TestCase(HttpStatusCode.BadRequest, "ConditionalCheckFailedException", 409)]
    [TestCase(HttpStatusCode.BadRequest, "ResourceNotFoundException", 404)]
    [TestCase(HttpStatusCode.BadRequest, "ValidationException", 400)]
    [TestCase(HttpStatusCode.BadRequest, "ItemCollectionSizeLimitExceededException", 400)]
    [TestCase(HttpStatusCode.BadRequest, "AccessDeniedException", 403)]
    [TestCase(HttpStatusCode.BadRequest, "UnrecognizedClientException", 403)]
    [TestCase(HttpStatusCode.BadRequest, "ResourceInUseException", 409)]
    [TestCase(HttpStatusCode.BadRequest, "IncompleteSignatureException", 403)]
    [TestCase(HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException", 429)]
    [TestCase(HttpStatusCode.BadRequest, "ThrottlingException", 429)]
    [TestCase(HttpStatusCode.BadRequest, "RequestLimitExceeded", 429)]
    [TestCase(HttpStatusCode.BadRequest, "TransactionConflictException", 409)]
    [TestCase(HttpStatusCode.BadRequest, "InvalidSignatureException", 403)]
    [TestCase(HttpStatusCode.BadRequest, "MissingAuthenticationTokenException", 403)]
    [TestCase(HttpStatusCode.BadRequest, "ExpiredTokenException", 403)]
    [TestCase(HttpStatusCode.BadRequest, "SerializationException", 400)]
    [TestCase(HttpStatusCode.BadRequest, "LimitExceededException", 429)]
    [TestCase(HttpStatusCode.BadRequest, "IndexNotFoundException", 404)]
    [TestCase(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", 503)]
    [TestCase(HttpStatusCode.InternalServerError, "InternalServerError", 503)]
    public async Task A_DynamoDB_error_code_passes_through_with_a_fitting_status(HttpStatusCode dynamoDbStatus, string code, int status)
    {
        var dynamoDb = CannedDynamoDb.Failing(dynamoDbStatus, code, "what DynamoDB said");

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(Read);

        answer.IsFunctionError.Should().BeTrue();
        answer.ErrorType.Should().Be(code);
        answer.ErrorMessage.Should().Be("what DynamoDB said");
        answer.Result.Outcome.StatusCode.Should().Be(status);
        answer.Result.Outcome.DynamoDbRequestId.Should().Be("CANNED-REQUEST-ID");
    }

    [TestCase(HttpStatusCode.BadRequest, "DynamoDbError", 400)]
    [TestCase(HttpStatusCode.InternalServerError, "ServiceUnavailable", 503)]
    public async Task A_DynamoDB_code_in_no_catalogue_is_answered_as_a_kind_of_our_own_whose_message_names_it(HttpStatusCode dynamoDbStatus, string errorType, int status)
    {
        var dynamoDb = CannedDynamoDb.Failing(dynamoDbStatus, "BrandNewException", "what DynamoDB said");

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(Read);

        answer.ErrorType.Should().Be(errorType, "the managed runtime has no class named after a code it does not know, and both runtimes must agree");
        answer.ErrorMessage.Should().Be($"DynamoDB answered BrandNewException (HTTP {(int)dynamoDbStatus}): what DynamoDB said");
        answer.Result.Outcome.StatusCode.Should().Be(status);
    }

    [Test]
    public async Task A_retryable_error_is_retried_twice_and_no_more()
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.InternalServerError, "InternalServerError", "busy");

        await TestFunction.Against(dynamoDb).InvokeAsync(Read);

        dynamoDb.Requests.Should().HaveCount(3, "MaxErrorRetry is 2, not the SDK's DynamoDB default of 10");
    }

    [Test]
    public async Task An_unreachable_DynamoDB_is_ServiceUnavailable_with_no_internal_detail()
    {
        var dynamoDb = new CannedDynamoDb(_ => throw new HttpRequestException("Connection refused (127.0.0.1:9)"));

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(Read);

        answer.ErrorType.Should().Be("ServiceUnavailable");
        answer.Result.Outcome.StatusCode.Should().Be(503);
        answer.ErrorMessage.Should().Be("DynamoDB could not be reached; try again later.");
    }

    [Test]
    public async Task The_deadline_stops_a_slow_DynamoDB_call_and_answers_Timeout()
    {
        var dynamoDb = new CannedDynamoDb(_ => CannedDynamoDb.Json(HttpStatusCode.OK, "{}")) { Delay = TimeSpan.FromSeconds(30) };
        using var deadline = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync(Read, deadline.Token);

        answer.ErrorType.Should().Be("Timeout");
        answer.Result.Outcome.StatusCode.Should().Be(504);
    }

    [Test]
    public async Task An_unexpected_failure_is_InternalError_with_the_detail_only_in_the_log()
    {
        var function = TestFunction.Against(CannedDynamoDb.Answering("""{"Item": {"id": {"S": """));

        var answer = await function.InvokeAsync(Read);

        answer.ErrorType.Should().Be("InternalError");
        answer.Result.Outcome.StatusCode.Should().Be(500);
        answer.Text.Should().NotContain(" at ").And.NotContain("Exception").And.NotContain(".cs");
        function.Log.Should().Contain("\"detail\":").And.Contain("Exception");
    }

    [Test]
    public void A_cancellation_that_is_not_the_deadline_is_no_DynamoDB_answer_and_is_left_to_the_host()
    {
        using var deadline = new CancellationTokenSource();

        DynamoErrorMapper.ToOutcome(new OperationCanceledException(), deadline.Token).Should().BeNull();
        DynamoErrorMapper.ToOutcome(new TaskCanceledException(), CancellationToken.None).Should().BeNull();
    }

    [Test]
    public void A_cancellation_with_a_timeout_inside_is_an_unreachable_DynamoDB_not_the_deadline()
    {
        var outcome = DynamoErrorMapper.ToOutcome(new TaskCanceledException("attempt timed out", new TimeoutException()), CancellationToken.None);

        outcome!.Error!.Type.Should().Be("ServiceUnavailable");
    }

    [Test]
    public void A_service_error_without_a_code_or_without_an_HTTP_status_is_no_DynamoDB_answer_and_is_left_to_the_host()
    {
        DynamoErrorMapper.ToOutcome(new AmazonDynamoDBException("no code") { ErrorCode = "", StatusCode = HttpStatusCode.BadRequest }, CancellationToken.None)
            .Should().BeNull("an empty code names no error a caller could act on");
        DynamoErrorMapper.ToOutcome(new AmazonDynamoDBException("no code") { ErrorCode = null, StatusCode = HttpStatusCode.BadRequest }, CancellationToken.None)
            .Should().BeNull();
        DynamoErrorMapper.ToOutcome(new AmazonDynamoDBException("not answered") { ErrorCode = "ValidationException" }, CancellationToken.None)
            .Should().BeNull("with no HTTP status DynamoDB never answered");
    }

    [TestCase(typeof(HttpRequestException))]
    [TestCase(typeof(SocketException))]
    [TestCase(typeof(IOException))]
    [TestCase(typeof(TimeoutException))]
    public void Each_kind_of_network_failure_alone_is_an_unreachable_DynamoDB(Type failure)
    {
        var outcome = DynamoErrorMapper.ToOutcome((Exception)Activator.CreateInstance(failure)!, CancellationToken.None);

        outcome!.Error!.Type.Should().Be("ServiceUnavailable");
        outcome.ErrorMessage.Should().Be("DynamoDB could not be reached; try again later.");
    }

    [Test]
    public void A_failure_that_is_no_DynamoDB_answer_and_no_network_failure_is_left_to_the_host()
    {
        DynamoErrorMapper.ToOutcome(new InvalidOperationException("a bug", new FormatException()), CancellationToken.None).Should().BeNull();
    }

    [Test]
    public void A_wrapped_socket_failure_is_an_unreachable_DynamoDB()
    {
        var outcome = DynamoErrorMapper.ToOutcome(new AmazonServiceException("wrapped", new IOException("reset", new SocketException())), CancellationToken.None);

        outcome!.Error!.Type.Should().Be("ServiceUnavailable");
        outcome.StatusCode.Should().Be(503);
    }

    [Test]
    public async Task A_proxy_event_gets_the_error_as_an_HTTP_response_with_its_status()
    {
        var dynamoDb = CannedDynamoDb.Failing(HttpStatusCode.BadRequest, "ConditionalCheckFailedException", "The conditional request failed");
        var body = System.Text.Json.JsonSerializer.Serialize(Read);

        var answer = await TestFunction.Against(dynamoDb).InvokeAsync($$"""{"httpMethod":"POST","requestContext":{"stage":"Prod"},"body":{{body}}}""");

        answer.IsFunctionError.Should().BeFalse();
        answer.StatusCode.Should().Be(409);
        answer.Json.GetProperty("headers").GetProperty("x-amzn-errortype").GetString().Should().Be("ConditionalCheckFailedException");
        answer.Body.GetProperty("errorType").GetString().Should().Be("ConditionalCheckFailedException");
        answer.Body.GetProperty("errorMessage").GetString().Should().Be("The conditional request failed");
    }
}
