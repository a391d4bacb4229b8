using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace LambdaFunctionOverHttps.DynamoDb;

/// <summary>
/// The SDK's DynamoDB client, plus the <c>ResponseMetadata</c> of the four calls the Document Model
/// makes for the function (GetItem, PutItem, UpdateItem, DeleteItem): each records its response in
/// the slot the calling operation began (<see cref="ResponseMetadataCapture"/>).
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

    public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default) =>
        CaptureAsync(() => base.GetItemAsync(request, cancellationToken));

    public override Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) =>
        CaptureAsync(() => base.PutItemAsync(request, cancellationToken));

    public override Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default) =>
        CaptureAsync(() => base.UpdateItemAsync(request, cancellationToken));

    public override Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken = default) =>
        CaptureAsync(() => base.DeleteItemAsync(request, cancellationToken));

    private async Task<TResponse> CaptureAsync<TResponse>(Func<Task<TResponse>> call)
        where TResponse : AmazonWebServiceResponse
    {
        var slot = Metadata.Take();
        var response = await call().ConfigureAwait(false);
        slot?.Record(response);
        return response;
    }
}
