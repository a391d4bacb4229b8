using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// The SDK's DynamoDB client, completing the four calls the Document Model makes for the function
/// (GetItem, PutItem, UpdateItem, DeleteItem): each sets on its low-level request the options the
/// calling operation put in its slot (<see cref="ResponseMetadataCapture"/>), and records its
/// response's <c>ResponseMetadata</c> and <c>ConsumedCapacity</c> there.
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

    public ResponseMetadataCapture Metadata { get; } = new();

    public override async Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
    {
        var slot = Metadata.Take();
        if (slot is not null)
        {
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
            request.ReturnConsumedCapacity = slot.Options.ReturnConsumedCapacity ?? request.ReturnConsumedCapacity;
            request.ReturnValuesOnConditionCheckFailure = slot.Options.ReturnValuesOnConditionCheckFailure ?? request.ReturnValuesOnConditionCheckFailure;
        }

        var response = await base.DeleteItemAsync(request, cancellationToken).ConfigureAwait(false);
        slot?.Record(response, response.ConsumedCapacity);
        return response;
    }
}
