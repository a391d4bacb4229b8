using Amazon.Runtime;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// The Document Model's <c>Table</c> methods return only a <c>Document</c>; boto3 callers expect
/// <c>ResponseMetadata</c> too. An operation puts a slot in an <see cref="AsyncLocal{T}"/> just
/// before its Document Model call; <see cref="CapturingDynamoDbClient"/>, which the Document Model
/// calls with the low-level request, takes the slot out and fills it from the low-level response.
/// Concurrent invocations never see each other's slots.
/// </summary>
/// <remarks>
/// The slot is taken out (the value set back to null) before the SDK's own pipeline runs. A value
/// left in an AsyncLocal makes every await below it save and restore the execution context, and
/// the SDK's pipeline has a dozen: taking it out made a warm read measurably cheaper
/// (docs/performance.md, "What each change bought").
/// </remarks>
internal sealed class ResponseMetadataCapture
{
    private readonly AsyncLocal<Slot?> _current = new();

    /// <summary>Starts capturing for the DynamoDB call the current async flow is about to make.</summary>
    public Slot Begin()
    {
        var slot = new Slot();
        _current.Value = slot;
        return slot;
    }

    /// <summary>The slot of the call being made, if an operation began one; the flow is left without it.</summary>
    public Slot? Take()
    {
        var slot = _current.Value;
        if (slot is not null)
        {
            _current.Value = null;
        }

        return slot;
    }

    public sealed class Slot
    {
        public string? RequestId { get; private set; }

        public int HttpStatusCode { get; private set; } = 200;

        public void Record(AmazonWebServiceResponse response)
        {
            RequestId = response.ResponseMetadata?.RequestId;
            HttpStatusCode = (int)response.HttpStatusCode;
        }
    }
}
