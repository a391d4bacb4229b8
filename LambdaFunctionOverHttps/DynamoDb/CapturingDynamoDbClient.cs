using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using LambdaFunctionOverHttps.Operations;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// The SDK's DynamoDB client, completing the four calls the Document Model makes for the function
/// (GetItem, PutItem, UpdateItem, DeleteItem): each sets on its low-level request the options the
/// calling operation put in its slot (<see cref="ResponseMetadataCapture"/>), and records its
/// response's <c>ResponseMetadata</c> and <c>ConsumedCapacity</c> there. Every call, these four
/// and the low-level ones, is metered by <see cref="MeteringHandler"/> when its request was given
/// an invocation's usage (<see cref="Meter"/>).
/// </summary>
internal sealed class CapturingDynamoDbClient : AmazonDynamoDBClient
{
    public CapturingDynamoDbClient(AmazonDynamoDBConfig config)
        : base(config)
    {
    }

    public CapturingDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config)
        : base(credentials, config)
    {
    }

    // Requests to meter, each with its invocation's usage; an entry goes when its request does.
    private readonly ConditionalWeakTable<AmazonWebServiceRequest, OperationUsage> _meters = new();

    public ResponseMetadataCapture Metadata { get; } = new();

    /// <summary>Has <see cref="MeteringHandler"/> count <paramref name="request"/>'s attempts and result into <paramref name="usage"/>.</summary>
    /// <returns>The request, to send.</returns>
    public T Meter<T>(T request, OperationUsage usage)
        where T : AmazonWebServiceRequest
    {
        _meters.AddOrUpdate(request, usage);
        return request;
    }

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerAfter<RetryHandler>(new MeteringHandler(_meters));
    }

    public override async Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
    {
        var slot = Metadata.Take();
        if (slot is not null)
        {
            Meter(request, slot.Usage);
            request.ReturnConsumedCapacity = slot.Options.ReturnConsumedCapacity ?? request.ReturnConsumedCapacity;
        }

        var response = await base.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
        slot?.Record(response, response.ConsumedCapacity);
        return response;
    }

    public override async Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default)
    {
        var slot = Metadata.Take();
        if (slot is not null)
        {
            Meter(request, slot.Usage);
            request.ReturnConsumedCapacity = slot.Options.ReturnConsumedCapacity ?? request.ReturnConsumedCapacity;
            request.ReturnValuesOnConditionCheckFailure = slot.Options.ReturnValuesOnConditionCheckFailure ?? request.ReturnValuesOnConditionCheckFailure;
        }

        var response = await base.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
        slot?.Record(response, response.ConsumedCapacity);
        return response;
    }

    public override async Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default)
    {
        var slot = Metadata.Take();
        if (slot is not null)
        {
            Meter(request, slot.Usage);
            request.ReturnConsumedCapacity = slot.Options.ReturnConsumedCapacity ?? request.ReturnConsumedCapacity;
            request.ReturnValuesOnConditionCheckFailure = slot.Options.ReturnValuesOnConditionCheckFailure ?? request.ReturnValuesOnConditionCheckFailure;
        }

        var response = await base.UpdateItemAsync(request, cancellationToken).ConfigureAwait(false);
        slot?.Record(response, response.ConsumedCapacity);
        return response;
    }

    public override async Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken = default)
    {
        var slot = Metadata.Take();
        if (slot is not null)
        {
            Meter(request, slot.Usage);
            request.ReturnConsumedCapacity = slot.Options.ReturnConsumedCapacity ?? request.ReturnConsumedCapacity;
            request.ReturnValuesOnConditionCheckFailure = slot.Options.ReturnValuesOnConditionCheckFailure ?? request.ReturnValuesOnConditionCheckFailure;
        }

        var response = await base.DeleteItemAsync(request, cancellationToken).ConfigureAwait(false);
        slot?.Record(response, response.ConsumedCapacity);
        return response;
    }
}
