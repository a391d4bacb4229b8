using DynamoDbManager.Local.Http;
using FluentAssertions;
using Microsoft.AspNetCore.Http;
using NUnit.Framework;

namespace LambdaFunctionOverHttps.Tests.EndToEnd.LocalStack;

/// <summary>The access log's line says what the client got.</summary>
[Category("LocalStack")]
public class AccessLogTests
{
    [Test]
    public async Task A_request_answered_normally_is_logged_with_its_status()
    {
        var line = await Log(context =>
        {
            context.Response.StatusCode = 409;
            return Task.CompletedTask;
        });

        line.Should().MatchRegex(@"^POST /dynamodbmanager 409 \d+ ms$");
    }

    [Test]
    public async Task An_unhandled_exception_before_the_response_started_is_logged_as_the_500_Kestrel_sends()
    {
        // Found under memory pressure: an OutOfMemoryException in the front was logged as 200.
        var line = await Log(_ => throw new InsufficientMemoryException("no memory"));

        line.Should().MatchRegex(@"^POST /dynamodbmanager 500 \d+ ms$");
    }

    [Test]
    public async Task A_bad_request_exception_before_the_response_started_is_logged_with_the_status_Kestrel_sends()
    {
        // Kestrel answers a BadHttpRequestException with its own status: 408 for a body that arrives too slowly.
        var line = await Log(_ => throw new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", StatusCodes.Status408RequestTimeout));

        line.Should().MatchRegex(@"^POST /dynamodbmanager 408 \d+ ms$");
    }

    private static async Task<string> Log(RequestDelegate next)
    {
        using var output = new StringWriter();
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Path = "/dynamodbmanager";

        try
        {
            await new AccessLog(output).InvokeAsync(context, next);
        }
        catch (Exception exception) when (exception is InsufficientMemoryException or BadHttpRequestException)
        {
            // The exception goes on to Kestrel, which answers it.
        }

        return output.ToString().TrimEnd();
    }
}
