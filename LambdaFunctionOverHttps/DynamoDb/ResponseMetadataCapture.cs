using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using LambdaFunctionOverHttps.Operations;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// The Document Model's <c>Table</c> methods take only what their own request types say and return
/// only a <c>Document</c>; boto3 callers may ask for more (<c>ReturnConsumedCapacity</c>,
/// <c>ReturnValuesOnConditionCheckFailure</c>) and expect <c>ResponseMetadata</c> and
/// <c>ConsumedCapacity</c> too. An operation puts a slot holding its <see cref="RequestOptions"/> in an
/// <see cref="AsyncLocal{T}"/> just before its Document Model call; <see cref="CapturingDynamoDbClient"/>,
/// which the Document Model calls with the low-level request, takes the slot out, sets the options on
/// the request and fills the slot from the low-level response. Concurrent invocations never see each
/// other's slots.
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
    /// <param name="usage">The invocation's usage, which the call is metered into.</param>
    /// <param name="options">What the call's low-level request must carry besides what the Document Model sets.</param>
    public Slot Begin(OperationUsage usage, RequestOptions options = default)
    {
        var slot = new Slot(usage, options);
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

    public sealed class Slot(OperationUsage usage, RequestOptions options)
    {
        public OperationUsage Usage { get; } = usage;

        public RequestOptions Options { get; } = options;

        public string? RequestId { get; private set; }

        public int HttpStatusCode { get; private set; } = 200;

        /// <summary>What DynamoDB reported using, when the request asked (<see cref="RequestOptions.ReturnConsumedCapacity"/>).</summary>
        public ConsumedCapacity? ConsumedCapacity { get; private set; }

        public void Record(AmazonWebServiceResponse response, ConsumedCapacity? consumedCapacity)
        {
            RequestId = response.ResponseMetadata?.RequestId;
            HttpStatusCode = (int)response.HttpStatusCode;
            ConsumedCapacity = consumedCapacity;
        }
    }
}
