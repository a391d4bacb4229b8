using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// The Document Model's <c>Table</c> methods return only a <c>Document</c>; boto3 callers expect
/// <c>ResponseMetadata</c> too. The client raises <c>AfterResponseEvent</c> inside the awaiting
/// call's async flow, so a slot put in an <see cref="AsyncLocal{T}"/> before the call receives that
/// call's metadata, and concurrent invocations never see each other's.
/// </summary>
internal sealed class ResponseMetadataCapture
{
    private readonly AsyncLocal<Slot?> _current = new();

    public ResponseMetadataCapture(AmazonDynamoDBClient client) =>
        client.AfterResponseEvent += OnAfterResponse;

    /// <summary>Starts capturing for the DynamoDB call the current async flow is about to make.</summary>
    public Slot Begin()
    {
        var slot = new Slot();
        _current.Value = slot;
        return slot;
    }

    private void OnAfterResponse(object sender, ResponseEventArgs e)
    {
        if (_current.Value is { } slot && e is WebServiceResponseEventArgs { Response: { } response })
        {
            slot.RequestId = response.ResponseMetadata?.RequestId;
            slot.HttpStatusCode = (int)response.HttpStatusCode;
        }
    }

    public sealed class Slot
    {
        public string? RequestId { get; set; }

        public int HttpStatusCode { get; set; } = 200;
    }
}
