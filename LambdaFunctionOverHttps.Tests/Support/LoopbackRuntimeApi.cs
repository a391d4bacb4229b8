using System.Net;

namespace LambdaFunctionOverHttps.Tests.Support;

/// <summary>
/// A <see cref="FakeRuntimeApi"/> served on 127.0.0.1, for a runtime in another process (the
/// packaged Native AOT <c>bootstrap</c>): each request is handed to the fake as it arrived, and its
/// answer written back.
/// </summary>
internal sealed class LoopbackRuntimeApi : LoopbackHttpServer
{
    private readonly FakeRuntimeApi _api;

    public LoopbackRuntimeApi(FakeRuntimeApi api)
    {
        _api = api;
        Address = $"127.0.0.1:{Port}";
        Start();
    }

    /// <summary>What goes in <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    public string Address { get; }

    protected override async Task HandleAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), context.Request.Url)
            {
                Content = new StreamContent(context.Request.InputStream),
            };
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>())
            {
                request.Headers.TryAddWithoutValidation(name, context.Request.Headers[name]);
            }

            using var answer = await _api.AnswerAsync(request, Stopping);
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers)
            {
                response.Headers[name] = string.Join(",", values);
            }

            await answer.Content.CopyToAsync(response.OutputStream, Stopping);
        }
        catch (OperationCanceledException)
        {
            response.StatusCode = 500;
        }
        finally
        {
            response.Close();
        }
    }
}
